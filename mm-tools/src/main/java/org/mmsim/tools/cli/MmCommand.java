package org.mmsim.tools.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mm}: the root command; its subcommands do the work. A command line gets only the subcommand it names:
 * picocli builds a command's model by reflection over its options, which is most of the start-up time of a short
 * command, so {@code mm --version} builds none and {@code mm replay ...} only replay's; a line that names none (or
 * {@code help}, or a word that is no command) gets them all, for the usage and the error.
 */
@Command(name = "mm", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "mmsim: a simulator of Linux memory management.")
public final class MmCommand implements Callable<Integer> {
    /** The subcommands in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("run", RunCommand::new);
        SUBCOMMANDS.put("shell", ShellCommand::new);
        SUBCOMMANDS.put("exercise", ExerciseCommand::new);
        SUBCOMMANDS.put("replay", ReplayCommand::new);
        SUBCOMMANDS.put("compare", CompareCommand::new);
        SUBCOMMANDS.put("mrc", MrcCommand::new);
        SUBCOMMANDS.put("trace", TraceCommand::new);
        SUBCOMMANDS.put("plugins", PluginsCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    private boolean debug;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    boolean debug() {
        return debug;
    }

    /** The command line for {@code args}: this root with the subcommands {@code args} can reach. */
    CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(this);
        String named = null;
        boolean version = false;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                named = arg;
                break;
            }
            version |= arg.equals("-V") || arg.equals("--version");
        }
        Supplier<Object> only = named == null || named.equals("help") ? null : SUBCOMMANDS.get(named);
        if (only != null) {
            commandLine.addSubcommand(named, only.get());
        } else if (named != null || !version) {
            SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        return commandLine;
    }

    /** {@code mm} alone: a command is missing, so the usage goes to standard error, as for any bad argument. */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("mm: a command is needed; expected one of "
                + String.join(", ", SUBCOMMANDS.keySet()) + " (usage below)");
        commandLine.usage(commandLine.getErr());
        return Main.BAD_INPUT;
    }
}
