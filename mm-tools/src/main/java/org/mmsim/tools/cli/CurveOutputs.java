package org.mmsim.tools.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that draw miss-ratio curves: where the CSV and the plot go, and the plot's x axis. */
final class CurveOutputs {
    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write the miss ratios as CSV.")
    Path csv;

    @Option(names = "--plot", paramLabel = "OUT.svg|OUT.png", description = "Draw the miss-ratio curves as SVG or PNG.")
    Path plot;

    @Option(names = "--log-x", description = "Log-scale the plot's cache-size axis.")
    boolean logX;
}
