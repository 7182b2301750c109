package org.mmsim.tools.scenario;

/**
 * A verb a process performs: the line reads {@code NAME VERB ...}, where NAME is a process a scenario started
 * ({@code spawn}) or forked. Words are counted from the process name: the verb is word 1.
 */
interface ProcessVerb {
    /** The verb, such as {@code malloc}. */
    String name();

    /** The line's form, such as {@code NAME malloc VAR SIZE}. */
    String usage();

    /** One line saying what the verb does. */
    String summary();

    /** Checks a line and returns what it will do to the named process. */
    Step parse(String process, ScenarioLine line);
}
