package org.mmsim.tools.scenario;

/**
 * A scenario verb: what one kind of line does. A plain verb starts its line ({@code tick 1s}); a process verb follows
 * the NAME of a process the scenario started ({@code app malloc buf 64M}), its words counted from that name, so the
 * verb is word 1. Every line is parsed before the machine boots, so a scenario with a bad line fails before anything
 * runs; the {@link Step} a line parses to then runs against the machine.
 */
public final class Verb {
    /** How a verb checks its line and says what the line will do. */
    @FunctionalInterface
    interface Parser {
        /**
         * Checks a line and returns what it will do.
         *
         * @param usage the verb's form, what an error says was expected
         * @throws ScenarioException naming the line, what was found and what was expected
         */
        Step parse(ScenarioLine line, String usage);
    }

    /** How a process verb checks its line: as a {@link Parser}, told the process the line names. */
    @FunctionalInterface
    interface ProcessParser {
        /** Checks a line that {@code process} starts and returns what it will do to that process. */
        Step parse(String process, ScenarioLine line, String usage);
    }

    private final String name;
    private final String usage;
    private final String summary;
    private final boolean perProcess;
    private final Parser parser;

    private Verb(String name, String usage, String summary, boolean perProcess, Parser parser) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
        this.perProcess = perProcess;
        this.parser = parser;
    }

    /** A verb that starts its line, such as {@code tick} of {@code tick DURATION}. */
    static Verb plain(String name, String usage, String summary, Parser parser) {
        return new Verb(name, usage, summary, false, parser);
    }

    /** A verb a process performs, such as {@code malloc} of {@code NAME malloc VAR SIZE}. */
    static Verb perProcess(String name, String usage, String summary, ProcessParser parser) {
        return new Verb(name, usage, summary, true, (line, form) -> parser.parse(line.words().get(0), line, form));
    }

    /** The verb's word, such as {@code tick} or {@code malloc}. */
    public String name() {
        return name;
    }

    /** The line's form, such as {@code tick DURATION} or {@code NAME malloc VAR SIZE}. */
    public String usage() {
        return usage;
    }

    /** One line saying what the verb does. */
    public String summary() {
        return summary;
    }

    /** Whether the verb follows a process's NAME rather than starting its line. */
    public boolean perProcess() {
        return perProcess;
    }

    /**
     * Checks a line and returns what it will do.
     *
     * @throws ScenarioException naming the line, what was found and what was expected
     */
    public Step parse(ScenarioLine line) {
        return parser.parse(line, usage);
    }
}
