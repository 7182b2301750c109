package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.IoErrors;
import org.mmsim.spi.NearestName;
import org.mmsim.spi.PluginFailureException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ./mm} command. Exit status: 0 on success, 2 on bad input (one line saying where, what was found and
 * what was expected), 1 on an internal error or a failed plugin (one line, and the stack trace with {@code --debug}),
 * 3 when a scenario's simulated kernel panicked.
 */
public final class Main {
    /** Exit status for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit status for an internal error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit status for a policy plugin that failed (with a replay, after the results of the other pairs). */
    public static final int PLUGIN_FAILED = 1;
    /** Exit status of a scenario whose simulated kernel panicked (its output ends with the panic). */
    public static final int KERNEL_PANIC = 3;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs {@code mm} with {@code args}, writing to {@code out} and {@code err}, and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Nothing to parse: the version without building a command line, as fast as the JVM starts.
            out.println(new Version().getVersion()[0]);
            return 0;
        }
        MmCommand root = new MmCommand();
        CommandLine commandLine = root.commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        registerNumbers(commandLine);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + parameterError(e) + " (see '" + command + " --help')");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> report(e, root.debug(), err));
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            // picocli hands Exceptions to the handler above; Errors (OutOfMemoryError, linkage errors) arrive here.
            return report(e, root.debug(), err);
        }
    }

    /**
     * Numbers in the words of the options that take them: picocli's own converters would say {@code 'x' is not a
     * long}, naming a Java type.
     */
    private static void registerNumbers(CommandLine commandLine) {
        CommandLine.ITypeConverter<Long> whole = text -> {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "'; expected a whole number");
            }
        };
        CommandLine.ITypeConverter<Integer> small = text -> {
            long value = whole.convert(text);
            if (value != (int) value) {
                throw new CommandLine.TypeConversionException("'" + text + "'; expected a whole number from "
                        + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            return (int) value;
        };
        CommandLine.ITypeConverter<Double> real = text -> {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "'; expected a number");
            }
        };
        commandLine.registerConverter(Long.class, whole).registerConverter(long.class, whole)
                .registerConverter(Integer.class, small).registerConverter(int.class, small)
                .registerConverter(Double.class, real).registerConverter(double.class, real);
    }

    /**
     * What was wrong with the arguments: an unknown command or option named as such, with the nearest name there is
     * (before a required option it leaves missing: {@code --polcy lru} is a typo, not a missing {@code --policy});
     * picocli's own words for the rest, an option named as its documented, first name.
     */
    private static String parameterError(CommandLine.ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException
                ? ((CommandLine.UnmatchedArgumentException) e).getUnmatched() : e.getCommandLine().getUnmatchedArguments();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (first.startsWith("-")) {
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return NearestName.unknown("option", name, new TreeSet<>(spec.optionsMap().keySet()));
        }
        if (!first.isEmpty() && !spec.subcommands().isEmpty()) {
            return NearestName.unknown("command", first, spec.subcommands().keySet());
        }
        String message = e.getMessage();
        if (e instanceof CommandLine.MissingParameterException) {
            // picocli names an option by its longest name; the documented one is the first (--policy, not --policies).
            for (CommandLine.Model.ArgSpec missing : ((CommandLine.MissingParameterException) e).getMissing()) {
                if (missing.isOption()) {
                    CommandLine.Model.OptionSpec option = (CommandLine.Model.OptionSpec) missing;
                    message = message.replace("'" + option.longestName() + "=", "'" + option.names()[0] + "=");
                }
            }
        }
        return message;
    }

    /**
     * The one line an error of a command is, as {@code --json} output and standard error give it: bad input as it
     * says itself, a failed plugin or an internal error after {@code mm: }, never the name of a Java class.
     */
    static String describe(Throwable e) {
        if (e instanceof BadInputException) {
            return e.getMessage();
        }
        if (e instanceof PluginFailureException) {
            return "mm: " + e.getMessage();
        }
        if (e instanceof UncheckedIOException) {
            return "mm: input/output error: " + IoErrors.reason(((UncheckedIOException) e).getCause());
        }
        if (e instanceof OutOfMemoryError) {
            return "mm: the JVM ran out of heap; give it more with MM_JAVA_OPTS=-Xmx...";
        }
        return "mm: internal error, a bug in mmsim";
    }

    private static int report(Throwable e, boolean debug, PrintWriter err) {
        boolean bad = e instanceof BadInputException;
        boolean expected = bad || e instanceof PluginFailureException;
        err.println(describe(e) + (expected || debug ? "" : " (rerun with --debug for the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        return bad ? BAD_INPUT : e instanceof PluginFailureException ? PLUGIN_FAILED : INTERNAL_ERROR;
    }
}
