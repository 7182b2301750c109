package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ps [-e] -o FIELD,...}: the fields of every {@code -o}, in order, as procps's ps joins them. */
@Command(name = "ps")
final class PsOptions implements ToolOptions {
    /** Every task is shown anyway: no task has a terminal, so none is left out without -e. */
    @Option(names = "-e")
    boolean everyTask;

    @Option(names = "-o", paramLabel = "FIELD,...")
    List<String> formats = new ArrayList<>();
}
