package dev.crosspost.fortune;

import dev.crosspost.util.Contract;

/**
 * Fortunes, for whoever tells one (the {@code fortune} service task, the bot's {@code !fortune}) without
 * knowing where they come from (Debian's fortune files or the collection bundled with Crosspost).
 */
@Contract
public interface FortuneSource {

    /** One fortune, picked at random; never {@code null} or blank. */
    String next();
}
