package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code top [-b] [-n N] [-d SECS] [-o FIELD] [-p PID,...] [-u USER]}: batch mode or the screen, N frames SECS apart (3
 * by default), sorted by FIELD, of the tasks of {@code -p} or listing those of USER. Each {@code -p} adds to the pids
 * before, as top's does.
 */
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

    @Option(names = "-p", paramLabel = "PID,...")
    List<String> pids = new ArrayList<>();

    @Option(names = "-u", paramLabel = "USER")
    String user;

    /** The letter, as top's own loop over a cluster of letters said it. */
    @Override
    public String unknownOption(String arg) {
        return "option '-" + arg.charAt(1) + "'";
    }
}
