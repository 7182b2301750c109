package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ps [-e|-A] [-f] [-o FIELD,...] [-p PID,...] [aux]}: UNIX options after a dash, BSD letters without one
 * ({@code aux}, {@code u}), as procps's ps takes both; each {@code -o} and {@code -p} adds to the list before.
 */
@Command(name = "ps")
final class PsOptions implements ToolOptions {
    @Option(names = {"-e", "-A"})
    boolean everyTask;

    @Option(names = "-f")
    boolean full;

    @Option(names = "-o", paramLabel = "FIELD,...")
    List<String> formats = new ArrayList<>();

    @Option(names = "-p", paramLabel = "PID,...")
    List<String> pids = new ArrayList<>();

    /** BSD options: clusters of letters without a dash. */
    @Parameters(paramLabel = "aux")
    List<String> bsd = new ArrayList<>();
}
