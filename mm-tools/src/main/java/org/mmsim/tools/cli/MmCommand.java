package org.mmsim.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code mm}: the root command; its subcommands do the work. */
@Command(name = "mm", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "mmsim: a simulator of Linux memory management.",
        subcommands = {RunCommand.class, ShellCommand.class, ExerciseCommand.class, ReplayCommand.class, CompareCommand.class, MrcCommand.class, TraceCommand.class, PluginsCommand.class, BenchCommand.class, picocli.CommandLine.HelpCommand.class})
public final class MmCommand implements Runnable {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    private boolean debug;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    boolean debug() {
        return debug;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
