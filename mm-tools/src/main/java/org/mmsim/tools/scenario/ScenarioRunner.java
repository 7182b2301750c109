package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.mmsim.api.KernelPanicException;
import org.mmsim.api.MachineConfig;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Runs a scenario: a script of what happens on a simulated machine, one command a line, like a shell session.
 *
 * <p>Leading {@code machine KEY=VALUE...} lines configure the machine; every other line is a verb's. The whole
 * script is checked before the machine boots, so a bad line fails with {@code FILE:LINE: ...} before anything runs;
 * then the lines run in order on one thread, and the same script and seed print the same text. A kernel panic stops
 * the run after the line that caused it.
 */
public final class ScenarioRunner {
    private final PolicyRegistry registry;
    private final VerbTable verbs;

    public ScenarioRunner(PolicyRegistry registry, VerbTable verbs) {
        this.registry = registry;
        this.verbs = verbs;
    }

    /**
     * Runs the scenario {@code file} made of {@code lines}.
     *
     * @param seed overrides the machine's seed when present
     * @throws ScenarioException for a line that cannot be parsed or run
     */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed) {
        return run(file, lines, seed, java.util.Map.of());
    }

    /**
     * Runs the scenario {@code file} made of {@code lines} on its machine with {@code keys} changed, as
     * {@code ./mm run --machine} asks (a scenario shown both ways: {@code replacement=global} and {@code local}).
     *
     * @throws org.mmsim.spi.BadInputException for a bad key or value of {@code keys}
     */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed, java.util.Map<String, String> keys) {
        return run(file, lines, seed, keys, (line, printed, machine) -> { });
    }

    /** What {@code ./mm run --step} is told after each line: the line, what it printed, and the machine now. */
    @FunctionalInterface
    public interface StepListener {
        /** The machine has booted; no line has run. */
        default void booted(SimulatedMachine machine) {
        }

        void after(ScenarioLine line, String printed, SimulatedMachine machine);
    }

    /** As {@link #run(String, List, OptionalLong, java.util.Map)}, telling {@code listener} after each line. */
    public ScenarioResult run(String file, List<String> lines, OptionalLong seed, java.util.Map<String, String> keys,
                              StepListener listener) {
        List<ScenarioLine> parsed = ScenarioParser.parse(file, lines);
        MachineConfig.Builder builder = MachineConfig.builder();
        ScenarioLine lastMachineLine = null;
        List<ScenarioLine> commands = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (ScenarioLine line : parsed) {
            if (!line.verb().equals(VerbTable.MACHINE)) {
                steps.add(verbs.verbOf(line).parse(line));
                commands.add(line);
            } else if (!commands.isEmpty()) {
                throw line.error("a machine line after the first command (line " + commands.get(0).number()
                        + "); expected machine lines before every command");
            } else {
                configure(builder, line);
                lastMachineLine = line;
            }
        }
        seed.ifPresent(builder::seed);
        try {
            MachineOptions.applyAll(builder, keys);
        } catch (IllegalArgumentException e) {
            throw new org.mmsim.spi.BadInputException("--machine: " + e.getMessage(), e);
        }
        SimulatedMachine machine = boot(builder, lastMachineLine, file);
        // What the kernel logged while booting no line caused: dmesg shows it.
        machine.kernelLog().drain();
        return runLines(file, machine, commands, steps, listener);
    }

    /**
     * Runs the commands of a scenario on a machine already booted (a program's own): the scenario may have no
     * {@code machine} line, since the machine is there.
     *
     * @throws ScenarioException for a line that cannot be parsed or run, or a {@code machine} line
     */
    public ScenarioResult runOn(SimulatedMachine machine, String file, List<String> lines) {
        List<ScenarioLine> commands = ScenarioParser.parse(file, lines);
        List<Step> steps = new ArrayList<>();
        for (ScenarioLine line : commands) {
            if (line.verb().equals(VerbTable.MACHINE)) {
                throw line.error("a machine line, but the machine has booted; expected a verb (Scenario.run() boots "
                        + "the scenario's own machine)");
            }
            steps.add(verbs.verbOf(line).parse(line));
        }
        return runLines(file, machine, commands, steps, (line, printed, m) -> { });
    }

    private static ScenarioResult runLines(String file, SimulatedMachine machine, List<ScenarioLine> commands,
                                           List<Step> steps, StepListener listener) {
        Session session = new Session(machine);
        listener.booted(machine);
        for (int i = 0; i < steps.size(); i++) {
            int before = session.printed().size();
            try {
                session.run(commands.get(i), steps.get(i));
            } catch (KernelPanicException e) {
                // The machine stopped: the panic's lines are printed, the lines after it never run.
                return new ScenarioResult(file, machine, session.printed(), e.reason());
            }
            StringBuilder printed = new StringBuilder();
            session.printed().subList(before, session.printed().size()).forEach(p -> printed.append(p.text()));
            listener.after(commands.get(i), printed.toString(), machine);
        }
        return new ScenarioResult(file, machine, session.printed(), null);
    }

    /**
     * A machine for lines typed one at a time ({@code ./mm shell}), configured by {@code keys} as a machine line would.
     *
     * @throws org.mmsim.spi.BadInputException for a bad key or value
     */
    public Interactive interactive(java.util.Map<String, String> keys) {
        MachineConfig.Builder builder = MachineConfig.builder();
        try {
            MachineOptions.applyAll(builder, keys);
        } catch (IllegalArgumentException e) {
            throw new org.mmsim.spi.BadInputException("--machine: " + e.getMessage(), e);
        }
        SimulatedMachine machine = boot(builder, null, "--machine");
        machine.kernelLog().drain();
        return new Interactive("shell", new Session(machine), verbs);
    }

    private static void configure(MachineConfig.Builder builder, ScenarioLine line) {
        if (line.words().size() == 1) {
            throw line.error("machine needs KEY=VALUE; expected " + VerbTable.MACHINE_USAGE);
        }
        line.keyValues(1, VerbTable.MACHINE_USAGE).forEach((key, value) -> {
            try {
                MachineOptions.apply(builder, key, value);
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
        });
    }

    private SimulatedMachine boot(MachineConfig.Builder builder, ScenarioLine machineLine, String file) {
        String where = machineLine == null ? file + ":1: " : machineLine.file() + ":" + machineLine.number() + ": ";
        MachineConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + e.getMessage());
        }
        try {
            return MachineTools.boot(config, registry);
        } catch (BadInputException e) {
            throw new ScenarioException(where + e.getMessage());
        }
    }
}
