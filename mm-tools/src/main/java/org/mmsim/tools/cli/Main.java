package org.mmsim.tools.cli;

import java.io.PrintWriter;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.BadInputException;
import picocli.CommandLine;

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
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
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

    private static int report(Throwable e, boolean debug, PrintWriter err) {
        if (e instanceof BadInputException) {
            err.println(e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        if (e instanceof PluginFailureException) {
            err.println("mm: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
        } else if (e instanceof OutOfMemoryError) {
            err.println("mm: the JVM ran out of heap; give it more with MM_JAVA_OPTS=-Xmx... (rerun with --debug for the stack trace)");
        } else {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            err.println("mm: internal error: " + e.getClass().getName() + ": " + message
                    + (debug ? "" : " (rerun with --debug for the stack trace)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }
}
