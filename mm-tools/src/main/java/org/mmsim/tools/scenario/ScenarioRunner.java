package org.mmsim.tools.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.mmsim.api.KernelPanicException;
import org.mmsim.api.MachineConfig;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.IoErrors;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.watchdog.PluginWatchdog;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Runs a scenario: a script of what happens on a simulated machine, one command a line, like a shell session.
 *
 * <p>Leading {@code machine KEY=VALUE...} lines configure the machine; every other line is a verb's. The script is
 * checked before the machine boots, so a bad machine line fails before anything runs; then the lines run in order
 * on one thread, and the same script and seed print the same text. As a shell running a script, a line that fails
 * (one that cannot be parsed, too) stops the run after the lines before it ran: the error is thrown once
 * {@link StepListener#stopped} has been told what they printed. A kernel panic stops the run after the line that
 * caused it.
 */
public final class ScenarioRunner {
    private final PolicyRegistry registry;
    private final VerbTable verbs;

    public ScenarioRunner(PolicyRegistry registry, VerbTable verbs) {
        this.registry = registry;
        this.verbs = verbs;
    }

    /**
     * The lines of the scenario in {@code file}, read as UTF-8 (a leading byte order mark skipped).
     *
     * @throws BadInputException {@code FILE: no such file; expected a scenario file}, or what else kept it unread, or
     *     {@code FILE:LINE:COLUMN: ...} where it is not UTF-8 text
     */
    public static List<String> lines(Path file) {
        try {
            return ScenarioText.lines(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file; expected a scenario file", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + IoErrors.reason(e) + "; expected a scenario file", e);
        }
    }

    /**
     * Runs the scenario {@code file} made of {@code lines}.
     *
     * @param seed overrides the machine's seed when present
     * @throws ScenarioException for a line that cannot be parsed or run
     */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed) {
        return run(file, lines, seed, Map.of());
    }

    /**
     * Runs the scenario {@code file} made of {@code lines} on its machine with {@code keys} changed, as
     * {@code ./mm run --machine} asks (a scenario shown both ways: {@code replacement=global} and {@code local}).
     *
     * @throws org.mmsim.spi.BadInputException {@code --machine: ...} for a bad key or value of {@code keys}
     */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed, Map<String, String> keys) {
        return run(file, lines, seed, keys, (line, printed, machine) -> { });
    }

    /**
     * What {@code ./mm run} is told as the scenario runs: the machine booted, each line as it begins and once it
     * ended (with what it printed), the error that stopped the run; and what it asks: whether to stop early.
     */
    @FunctionalInterface
    public interface StepListener {
        /** The machine has booted; no line has run. */
        default void booted(SimulatedMachine machine) {
        }

        /** {@code line} begins; {@code clock} tells, while it runs, how far it has let simulated time pass. */
        default void before(ScenarioLine line, LineClock clock) {
        }

        /**
         * {@code line} ended, and {@code printed} is what it printed: every line that ran is told, the one that
         * failed or panicked too (what it printed before it stopped).
         */
        void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine);

        /**
         * A line failed, and {@code error} is thrown next: {@code before} is what the scenario printed until then
         * (the lines before it, and whatever the failing line printed before it failed).
         */
        default void stopped(ScenarioResult before, RuntimeException error) {
        }

        /**
         * Whether the run is to stop now (a signal): the running line's waits end early, and no line runs after it;
         * the run returns what the lines printed.
         */
        default boolean stopRequested() {
            return false;
        }
    }

    /** As {@link #run(String, List, OptionalLong, Map)}, telling {@code listener} after each line. */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed, Map<String, String> keys,
                              StepListener listener) {
        Script script = script(file, lines, true);
        MachineConfig.Builder builder = MachineConfig.builder();
        Map<String, Integer> given = new HashMap<>();
        for (ScenarioLine line : script.machineLines()) {
            for (String key : line.keyValues(1, VerbTable.MACHINE_USAGE).keySet()) {
                Integer before = given.putIfAbsent(key, line.number());
                if (before != null) {
                    throw line.error(key + " given again (line " + before + " gave it); expected each machine key once");
                }
            }
            configure(builder, line);
        }
        if (!script.machineLines().isEmpty()) {
            // The keys of the lines together: arch=i386 on one line may need levels=2 on the next.
            ScenarioLine last = script.machineLines().get(script.machineLines().size() - 1);
            blame(last, () -> MachineOptions.check(builder, registry));
        }
        seed.ifPresent(builder::seed);
        MachineOptions.applyOption(builder, keys, registry);
        if (script.commands().isEmpty() && script.error() != null) {
            throw script.error();
        }
        SimulatedMachine machine = boot(builder.build(), script.machineLines());
        // What the kernel logged while booting no line caused: dmesg shows it.
        machine.kernelLog().drain();
        return runLines(file, machine, script, listener);
    }

    /**
     * Runs the commands of a scenario on a machine already booted (a program's own): the scenario may have no
     * {@code machine} line, since the machine is there.
     *
     * @throws ScenarioException for a line that cannot be parsed or run, or a {@code machine} line
     */
    public ScenarioResult runOn(SimulatedMachine machine, String file, List<String> lines) {
        return runLines(file, machine, script(file, lines, false), (line, printed, m) -> { });
    }

    /**
     * A scenario checked up to its first bad line: its machine lines, the commands before the bad line with the steps
     * they parsed to, and the bad line's error (null if every line is good).
     */
    private record Script(List<ScenarioLine> machineLines, List<ScenarioLine> commands, List<Step> steps,
                          ScenarioException error) {
    }

    private Script script(String file, List<String> lines, boolean machineLines) {
        List<ScenarioLine> machine = new ArrayList<>();
        List<ScenarioLine> commands = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Set<String> processes = new HashSet<>();
        try {
            for (int i = 0; i < lines.size(); i++) {
                ScenarioLine line = ScenarioParser.line(file, i + 1, lines.get(i)).orElse(null);
                if (line == null) {
                    continue;
                }
                if (!line.verb().equals(VerbTable.MACHINE)) {
                    Verb verb = verbs.verbOf(line, processes);
                    steps.add(verb.parse(line));
                    commands.add(line);
                    verb.processStarted(line).ifPresent(processes::add);
                } else if (!machineLines) {
                    throw line.error("a machine line, but the machine has booted; expected a verb (Scenario.run() boots "
                            + "the scenario's own machine)");
                } else if (!commands.isEmpty()) {
                    throw line.error("a machine line after the first command (line " + commands.get(0).number()
                            + "); expected machine lines before every command");
                } else {
                    machine.add(line);
                }
            }
            return new Script(machine, commands, steps, null);
        } catch (ScenarioException e) {
            return new Script(machine, commands, steps, e);
        }
    }

    /**
     * Runs the script's lines under the machine's plugin watchdog, on a thread of their own: a plugin that never
     * returns stops the run as a plugin that throws does, with what the lines before printed.
     */
    private static ScenarioResult runLines(String file, SimulatedMachine machine, Script script, StepListener listener) {
        Session session = new Session(machine);
        session.stopWhen(listener::stopRequested);
        try {
            return PluginWatchdog.call(machine.watch(), () -> runSteps(file, machine, session, script, listener));
        } catch (PluginFailureException e) {
            if (e != machine.watch().failure()) {
                throw e;
            }
            // The watchdog gave up on a plugin; the lines' thread stays where the plugin holds it, and what they
            // printed until then is told from here.
            throw stopped(file, session, listener, e);
        }
    }

    private static ScenarioResult runSteps(String file, SimulatedMachine machine, Session session, Script script,
                                           StepListener listener) {
        listener.booted(machine);
        for (int i = 0; i < script.steps().size() && !listener.stopRequested(); i++) {
            ScenarioLine line = script.commands().get(i);
            int before = session.printed().size();
            listener.before(line, session.lineClock());
            try {
                try {
                    session.run(line, script.steps().get(i));
                } finally {
                    // What the line printed, whether it ended, failed or panicked.
                    listener.after(line, printedSince(session, before), machine);
                }
            } catch (KernelPanicException e) {
                // The machine stopped: the panic's lines are printed, the lines after it never run.
                return new ScenarioResult(file, machine, List.copyOf(session.printed()), e.reason());
            } catch (RuntimeException e) {
                if (machine.watch().failure() != null) {
                    // An abandoned thread whose plugin came back after all (woken by the interrupt): the watcher
                    // has told the failure, and this thread tells nothing more.
                    throw e;
                }
                throw stopped(file, session, listener, e);
            }
        }
        if (script.error() != null && !listener.stopRequested()) {
            throw stopped(file, session, listener, script.error());
        }
        return new ScenarioResult(file, machine, List.copyOf(session.printed()), null);
    }

    /** What the session printed from entry {@code from} on. */
    private static List<Session.Printed> printedSince(Session session, int from) {
        return List.copyOf(session.printed().subList(from, session.printed().size()));
    }

    /** Tells {@code listener} what the scenario printed before {@code error}, which it returns for throwing. */
    private static RuntimeException stopped(String file, Session session, StepListener listener, RuntimeException error) {
        listener.stopped(new ScenarioResult(file, session.machine(), List.copyOf(session.printed()), null), error);
        return error;
    }

    /**
     * A machine for lines typed one at a time ({@code ./mm shell}), configured by {@code keys} as a machine line would.
     *
     * @throws org.mmsim.spi.BadInputException {@code --machine: ...} for a bad key or value
     */
    public Interactive interactive(Map<String, String> keys) {
        MachineConfig.Builder builder = MachineConfig.builder();
        MachineOptions.applyOption(builder, keys, registry);
        SimulatedMachine machine = MachineTools.boot(builder.build(), registry);
        machine.kernelLog().drain();
        return new Interactive("shell", new Session(machine), verbs);
    }

    /** Boots the machine the lines describe: a machine that cannot boot is the last machine line's error. */
    private SimulatedMachine boot(MachineConfig config, List<ScenarioLine> machineLines) {
        try {
            return MachineTools.boot(config, registry);
        } catch (BadInputException e) {
            if (machineLines.isEmpty()) {
                throw e;
            }
            throw machineLines.get(machineLines.size() - 1).error(e.getMessage());
        }
    }

    /** Applies a machine line's keys: a bad key or value is the line's error. */
    private static void configure(MachineConfig.Builder builder, ScenarioLine line) {
        if (line.words().size() == 1) {
            throw line.error("machine needs KEY=VALUE; expected " + VerbTable.MACHINE_USAGE);
        }
        Map<String, String> keys = line.keyValues(1, VerbTable.MACHINE_USAGE);
        blame(line, () -> MachineOptions.applyAll(builder, keys));
    }

    /** Runs {@code action}, making what it finds wrong {@code line}'s error. */
    private static void blame(ScenarioLine line, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException | BadInputException e) {
            throw line.error(e.getMessage());
        }
    }
}
