package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.tools.machine.SimulatedMachine;

/** A scenario running on a machine: the machine, and what the scenario has printed so far, line by line. */
public final class Session {
    private final SimulatedMachine machine;
    private final List<Printed> printed = new ArrayList<>();
    private final java.util.Map<String, Object> variables = new java.util.HashMap<>();
    private final Workload workload = new Workload();
    private final LineClock lineClock = new LineClock();
    /** Whether the run is to stop (a signal to {@code ./mm run}): waits end early, as Ctrl-C ends them in the shell. */
    private java.util.function.BooleanSupplier stopRequested = () -> false;
    private ScenarioLine current;
    private Tty tty;
    /** Where {@link #print} goes while {@link #capture} runs a command: apart from what the scenario printed. */
    private StringBuilder captured;

    /**
     * Text a line printed.
     *
     * @param line the scenario line number
     * @param text the text, ending with a newline
     */
    public record Printed(int line, String text) {
        /** The texts of {@code printed}, one after another. */
        public static String text(List<Printed> printed) {
            StringBuilder text = new StringBuilder();
            printed.forEach(p -> text.append(p.text()));
            return text.toString();
        }
    }

    public Session(SimulatedMachine machine) {
        this.machine = machine;
    }

    /** Simulated time the running line let pass with the loops ({@link #pass}). */
    private long passed;

    /** The machine. */
    public SimulatedMachine machine() {
        return machine;
    }

    /**
     * Runs one parsed line; then prints what the kernel logged meanwhile, as a console shows printk's lines under
     * the command that caused them, and what a shell says of the scenario's processes the kernel killed.
     */
    void run(ScenarioLine line, Step step) {
        current = line;
        machine.watch().at(line.file(), line.number());
        long start = machine.clock().nanos();
        lineClock.lineBegins(start);
        passed = 0;
        try {
            step.run(this);
        } catch (PluginFailureException e) {
            throw e.at(line.file() + ":" + line.number());
        } finally {
            machine.kernelLog().drain().forEach(this::print);
            // Time the line's own call slept (a read from the disk, major faults, a throttled writer) is I/O wait of
            // the CPU it ran on; time let pass with the loops was accounted by them.
            long waited = machine.clock().nanos() - start - passed;
            if (waited > 0) {
                machine.cpuTimes().charge(0, 0, 0, waited);
            }
        }
        ProcessNames.forgetKilled(this);
    }

    /** Lets {@code nanos} of simulated time pass, the scenario's loops running meanwhile ({@code NAME loop VAR}). */
    public void pass(long nanos) {
        long start = machine.clock().nanos();
        lineClock.passing(start, start + nanos);
        workload.run(this, nanos);
        passed += machine.clock().nanos() - start;
    }

    /** The scenario's running loops. */
    Workload workload() {
        return workload;
    }

    /** The line now running, for errors that only its run can find. */
    public ScenarioLine line() {
        return current;
    }

    /** Prints {@code text}, adding a newline if it has none; nothing for an empty text (cat of an empty file). */
    public void print(String text) {
        if (!text.isEmpty()) {
            String line = text.endsWith("\n") ? text : text + "\n";
            if (captured != null) {
                captured.append(line);
            } else {
                printed.add(new Printed(current.number(), line));
            }
        }
    }

    /** Gives the tools the shell's terminal, for what runs until it is stopped. */
    void attach(Tty terminal) {
        this.tty = terminal;
    }

    /**
     * The shell's terminal: none in a scenario file, nor for a command {@link #capture} runs (watch shows what that
     * prints).
     */
    java.util.Optional<Tty> tty() {
        return java.util.Optional.ofNullable(captured == null ? tty : null);
    }

    /**
     * Whether Ctrl-C was pressed in the shell since the line began (what runs stops, and the shell goes on), or the
     * run is to stop ({@link #stopWhen}).
     */
    public boolean interrupted() {
        return tty != null && tty.interrupted() || stopRequested.getAsBoolean();
    }

    /** Makes {@code requested} a reason for what runs to stop early, as Ctrl-C is in the shell. */
    void stopWhen(java.util.function.BooleanSupplier requested) {
        this.stopRequested = requested;
    }

    /** How far the running line has let simulated time pass. */
    LineClock lineClock() {
        return lineClock;
    }

    /** Runs {@code step} (a line watch repeats) and returns what it printed, which the scenario does not print. */
    String capture(Step step) {
        StringBuilder outer = captured;
        captured = new StringBuilder();
        try {
            step.run(this);
            return captured.toString();
        } finally {
            captured = outer;
        }
    }

    /** Binds a scenario variable ({@code VAR} of {@code alloc_pages VAR ...}). */
    public void bind(String name, Object value) {
        variables.put(name, value);
    }

    /**
     * The value of a variable, of the kind the verb needs.
     *
     * @throws ScenarioException naming the line if there is no such variable, or it holds something else
     */
    public <T> T variable(String name, Class<T> kind, String madeBy) {
        Object value = variables.get(name);
        if (!kind.isInstance(value)) {
            throw current.error("no " + madeBy + " named '" + name + "'; expected a VAR from an earlier " + madeBy);
        }
        return kind.cast(value);
    }

    /** Forgets a variable. */
    public void unbind(String name) {
        variables.remove(name);
    }

    /** Every variable holding a value of {@code kind}. */
    public <T> java.util.Map<String, T> variables(Class<T> kind) {
        java.util.Map<String, T> matching = new java.util.TreeMap<>();
        variables.forEach((name, value) -> {
            if (kind.isInstance(value)) {
                matching.put(name, kind.cast(value));
            }
        });
        return matching;
    }

    /**
     * Everything printed so far, as a view that grows with the session (not a copy: a scenario of many lines looks
     * at it after each, which a copy would make quadratic).
     */
    public List<Printed> printed() {
        return java.util.Collections.unmodifiableList(printed);
    }
}
