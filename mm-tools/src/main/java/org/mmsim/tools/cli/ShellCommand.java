package org.mmsim.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.proc.ProcessFiles;
import org.mmsim.tools.scenario.Interactive;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.LineClock;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.scenario.VerbTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm shell}: an interactive prompt on a simulated machine (JLine: line editing, history, tab completion of the
 * verbs and the /proc paths). On a pipe it reads the lines as they come, without a prompt. Ctrl-C stops the running
 * line ({@link ShellTty}) and the shell goes on; at the prompt it drops the line typed.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "An interactive prompt on a simulated machine: type the verbs of a scenario and see it respond.")
final class ShellCommand implements Callable<Integer> {
    @Option(names = "--machine", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "The machine, with the keys of a scenario's machine line (ram=2G swap=1G cpus=4 ...).")
    private Map<String, String> machine = new LinkedHashMap<>();

    @Mixin
    private PluginPath plugins;

    @Spec
    private CommandSpec spec;

    /**
     * The line reader: history, and completion of the verbs, the /proc paths, help and exit, and of the processes
     * there are when TAB is pressed — their names and their /proc/NAME/ files.
     */
    static LineReader reader(Terminal terminal, VerbTable verbs, java.util.function.Supplier<java.util.Set<String>> processes) {
        List<String> words = new ArrayList<>(verbs.names());
        words.addAll(ProcFiles.standard().paths());
        ProcessFiles.FILES.forEach(file -> words.add("/proc/self/" + file));
        words.addAll(List.of("help", "exit"));
        StringsCompleter fixed = new StringsCompleter(words);
        org.jline.reader.Completer completer = (reader, line, candidates) -> {
            fixed.complete(reader, line, candidates);
            for (String name : processes.get()) {
                candidates.add(new org.jline.reader.Candidate(name));
                for (String file : ProcessFiles.FILES) {
                    candidates.add(new org.jline.reader.Candidate("/proc/" + name + "/" + file));
                }
            }
        };
        return LineReaderBuilder.builder().appName("mm").terminal(terminal).completer(completer).build();
    }

    /**
     * The next line, after {@code prompt} (a terminal's; piped input gets none); Ctrl-C at the prompt drops what was
     * typed, as a shell's does, and the end of input ends the shell (null).
     */
    private static String read(LineReader reader, String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public Integer call() {
        VerbTable verbs = VerbTable.standard();
        Interactive session = new ScenarioRunner(plugins.registry(), verbs).interactive(machine);
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = reader(terminal, verbs, session::processNames);
            ShellTty tty = new ShellTty(terminal);
            if (!tty.isTerminal()) {
                // JLine takes a dumb terminal's Ctrl-C only as a byte of its input, never on a pipe: catch SIGINT.
                Signals.register("INT", tty::interrupt);
            }
            session.attach(tty);
            if (tty.isTerminal()) {
                // A line over two seconds shows its progress, unless it draws on the terminal itself.
                LineProgress progress = LineProgress.onTerminal(spec.commandLine().getErr());
                session.listen(new ScenarioRunner.StepListener() {
                    @Override
                    public void before(ScenarioLine line, LineClock clock) {
                        progress.lineBegins(line, clock);
                    }

                    @Override
                    public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine) {
                        progress.lineEnded();
                    }
                });
            }
            return new Shell(session, verbs).run(prompt -> {
                tty.lineEnded();
                String line = read(reader, tty.isTerminal() ? prompt : "");
                tty.lineBegins();
                return line;
            }, spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
