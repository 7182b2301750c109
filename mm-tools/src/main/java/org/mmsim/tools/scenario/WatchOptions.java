package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code watch [-n SECS] [-t] CMD...}: the options end where the command starts, as watch's getopt takes them. */
@Command(name = "watch")
final class WatchOptions implements ToolOptions {
    @Option(names = "-n", paramLabel = "SECS")
    String interval = "2";

    /** No title: the header line and the blank line after it are left out. */
    @Option(names = "-t")
    boolean noTitle;

    @Parameters(paramLabel = "CMD")
    List<String> command = new ArrayList<>();

    @Override
    public boolean endsAtCommand() {
        return true;
    }
}
