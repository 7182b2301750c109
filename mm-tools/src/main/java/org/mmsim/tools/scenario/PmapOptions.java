package org.mmsim.tools.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pmap -x NAME}: the extended format is the only one, so the verb asks for -x as for NAME. */
@Command(name = "pmap")
final class PmapOptions implements ToolOptions {
    @Option(names = "-x")
    boolean extended;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String process;
}
