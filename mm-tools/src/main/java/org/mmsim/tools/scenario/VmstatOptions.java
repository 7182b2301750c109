package org.mmsim.tools.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vmstat [-a] [-n] [-w] [-S k|K|m|M] [-s] [DELAY [COUNT]]}: the numbers as words, which the verb checks. */
@Command(name = "vmstat")
final class VmstatOptions implements ToolOptions {
    @Option(names = "-a")
    boolean active;

    @Option(names = "-s")
    boolean summary;

    /** One header only: without it vmstat repeats its header every screenful. */
    @Option(names = "-n")
    boolean oneHeader;

    @Option(names = "-w")
    boolean wide;

    @Option(names = "-S", paramLabel = "k|K|m|M")
    String unit;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DELAY")
    String delay;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COUNT")
    String count;
}
