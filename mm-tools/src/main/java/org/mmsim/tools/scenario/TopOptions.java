package org.mmsim.tools.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code top -b -n N [-d SECS] [-o FIELD]}: batch mode, N frames SECS apart (3 by default), sorted by FIELD. */
@Command(name = "top")
final class TopOptions implements ToolOptions {
    @Option(names = "-b")
    boolean batch;

    @Option(names = "-n", paramLabel = "N")
    String frames;

    @Option(names = "-d", paramLabel = "SECS")
    String delay = "3";

    @Option(names = "-o", paramLabel = "FIELD")
    String sortField = "%CPU";

    /** The letter, as top's own loop over a cluster of letters said it. */
    @Override
    public String unknownOption(String arg) {
        return "option '-" + arg.charAt(1) + "'";
    }
}
