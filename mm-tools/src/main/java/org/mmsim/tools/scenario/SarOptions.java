package org.mmsim.tools.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sar -B [INTERVAL [COUNT]]}, options and numbers in any order: the numbers as words, which the verb checks. */
@Command(name = "sar")
final class SarOptions implements ToolOptions {
    @Option(names = "-B")
    boolean paging;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INTERVAL")
    String interval;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COUNT")
    String count;
}
