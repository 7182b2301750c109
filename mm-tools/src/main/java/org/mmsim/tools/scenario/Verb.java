package org.mmsim.tools.scenario;

/**
 * A scenario verb: what one kind of line does. Every line is parsed before the machine boots, so a scenario with a
 * bad line fails before anything runs; the {@link Step} a line parses to then runs against the machine.
 */
public interface Verb {
    /** The word that starts the line, such as {@code tick}. */
    String name();

    /** The line's form, such as {@code tick DURATION}. */
    String usage();

    /** One line saying what the verb does. */
    String summary();

    /**
     * Checks a line and returns what it will do.
     *
     * @throws ScenarioException naming the line, what was found and what was expected
     */
    Step parse(ScenarioLine line);
}
