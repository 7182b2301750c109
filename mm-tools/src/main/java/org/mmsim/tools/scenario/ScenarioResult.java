package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * What a scenario left: the machine in its final state and what the scenario printed.
 *
 * @param file the scenario's name
 * @param machine the machine
 * @param printed the printed text, line by line
 */
public record ScenarioResult(String file, SimulatedMachine machine, List<Session.Printed> printed) {
    /** Everything printed, as one text. */
    public String text() {
        StringBuilder text = new StringBuilder();
        printed.forEach(p -> text.append(p.text()));
        return text.toString();
    }
}
