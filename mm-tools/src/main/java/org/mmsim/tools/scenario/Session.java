package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.tools.machine.SimulatedMachine;

/** A scenario running on a machine: the machine, and what the scenario has printed so far, line by line. */
public final class Session {
    private final SimulatedMachine machine;
    private final List<Printed> printed = new ArrayList<>();
    private ScenarioLine current;

    /**
     * Text a line printed.
     *
     * @param line the scenario line number
     * @param text the text, ending with a newline
     */
    public record Printed(int line, String text) {
    }

    public Session(SimulatedMachine machine) {
        this.machine = machine;
    }

    /** The machine. */
    public SimulatedMachine machine() {
        return machine;
    }

    /** Runs one parsed line. */
    void run(ScenarioLine line, Step step) {
        current = line;
        step.run(this);
    }

    /** The line now running, for errors that only its run can find. */
    public ScenarioLine line() {
        return current;
    }

    /** Prints {@code text}, adding a newline if it has none. */
    public void print(String text) {
        printed.add(new Printed(current.number(), text.endsWith("\n") ? text : text + "\n"));
    }

    /** Everything printed so far. */
    public List<Printed> printed() {
        return List.copyOf(printed);
    }
}
