package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * What a scenario left: the machine in its final state and what the scenario printed.
 *
 * @param file the scenario's name
 * @param machine the machine
 * @param printed the printed text, line by line
 * @param panic the reason the simulated kernel panicked, which stopped the scenario; null if it ran to its end
 */
public record ScenarioResult(String file, SimulatedMachine machine, List<Session.Printed> printed, String panic) {
    /** Whether the simulated kernel panicked, stopping the scenario. */
    public boolean panicked() {
        return panic != null;
    }

    /** Everything printed, as one text. */
    public String text() {
        return Session.Printed.text(printed);
    }
}
