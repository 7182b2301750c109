package org.mmsim.tools.scenario;

import java.util.Optional;

/**
 * A scenario verb: what one kind of line does. A plain verb starts its line ({@code tick 1s}); a process verb follows
 * the NAME of a process the scenario started ({@code app malloc buf 64M}), its words counted from that name, so the
 * verb is word 1. The lines of a scenario are parsed before the machine boots, up to the first bad one; the
 * {@link Step} each parses to then runs against the machine (and the bad line's error is thrown after the lines
 * before it ran, as a shell stops a script).
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
    /**
     * Which word of a line's words names the process the verb starts ({@code spawn NAME}, {@code NAME fork CHILD}),
     * or -1.
     */
    private final java.util.function.ToIntFunction<java.util.List<String>> newProcess;

    private Verb(String name, String usage, String summary, boolean perProcess, Parser parser,
                 java.util.function.ToIntFunction<java.util.List<String>> newProcess) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
        this.perProcess = perProcess;
        this.parser = parser;
        this.newProcess = newProcess;
    }

    /** A verb that starts its line, such as {@code tick} of {@code tick DURATION}. */
    static Verb plain(String name, String usage, String summary, Parser parser) {
        return new Verb(name, usage, summary, false, parser, words -> -1);
    }

    /** A verb a process performs, such as {@code malloc} of {@code NAME malloc VAR SIZE}. */
    static Verb perProcess(String name, String usage, String summary, ProcessParser parser) {
        return new Verb(name, usage, summary, true, (line, form) -> parser.parse(line.words().get(0), line, form),
                words -> -1);
    }

    /**
     * This verb, starting a process that word {@code word} of its line names: the lines after it may use that
     * name, and a mistyped verb after it is told as a process verb ({@code unknown verb 'touhc' for process a}).
     */
    Verb startingProcess(int word) {
        return new Verb(name, usage, summary, perProcess, parser, words -> word);
    }

    /**
     * This verb, starting a process that the word after {@code marker} names ({@code numactl ... spawn NAME}), if the
     * line has that word.
     */
    Verb startingProcessAfter(String marker) {
        return new Verb(name, usage, summary, perProcess, parser, words -> {
            int at = words.indexOf(marker);
            return at < 0 ? -1 : at + 1;
        });
    }

    /** The name of the process {@code line} starts, if its verb starts one. */
    Optional<String> processStarted(ScenarioLine line) {
        int word = newProcess.applyAsInt(line.words());
        return word >= 0 && word < line.words().size() ? Optional.of(line.words().get(word)) : Optional.empty();
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
