package dev.crosspost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layout of DESIGN.md: message/ is the core; adapters depend on it, never on each other. */
@AnalyzeClasses(packages = "dev.crosspost", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreImportsNoInfrastructure = noClasses().that().resideInAPackage("dev.crosspost.message..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.jivesoftware..", "org.jxmpp..",
                    "jakarta.servlet..", "jakarta.mail..", "org.springframework.mail..")
            .because("message/ is the core of Crosspost and must not know Camunda, Smack, servlets or mail");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("dev.crosspost.(shoutbox|xmpp|mail|sms|story|subscription|fortune)..")
            .should().notDependOnEachOther()
            .because("each adapter depends on message/ only; queues (BPMN) connect them");

    @ArchTest
    static final ArchRule coreDoesNotDependOnFeatures = noClasses().that().resideInAPackage("dev.crosspost.message..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.crosspost.shoutbox..", "dev.crosspost.xmpp..",
                    "dev.crosspost.mail..", "dev.crosspost.sms..", "dev.crosspost.story..",
                    "dev.crosspost.subscription..", "dev.crosspost.fortune..", "dev.crosspost.process..",
                    "dev.crosspost.member..", "dev.crosspost.security..");
}
