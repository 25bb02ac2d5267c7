package dev.crosspost.util;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a feature's declared contract: the one door through which another feature may call it.
 * The contract lives with the feature that implements it (never in the core), and {@code ArchitectureTest} lets
 * other features depend on it (and on the types nested in it), on nothing else of that feature.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {
}
