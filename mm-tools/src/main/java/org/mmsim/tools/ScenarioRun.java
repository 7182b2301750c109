package org.mmsim.tools;

import java.util.List;
import java.util.Optional;
import org.mmsim.api.Machine;

/**
 * What a scenario did: the machine it ran on, in its final state, and what each line printed.
 *
 * @param machine the machine
 * @param lines each line that printed something, in order
 * @param panic why the simulated kernel panicked, which stopped the scenario; empty if it ran to its end
 */
public record ScenarioRun(Machine machine, List<Line> lines, Optional<String> panic) {
    public ScenarioRun {
        lines = List.copyOf(lines);
    }

    /**
     * What one line printed.
     *
     * @param number the line's number in the scenario text, from 1
     * @param printed its output, each line ending with a newline
     */
    public record Line(int number, String printed) {
    }

    /** Everything printed, as one text: what {@code ./mm run} prints. */
    public String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.printed()));
        return text.toString();
    }

    /** What line {@code number} printed (empty if nothing). */
    public String printedBy(int number) {
        StringBuilder text = new StringBuilder();
        lines.stream().filter(l -> l.number() == number).forEach(l -> text.append(l.printed()));
        return text.toString();
    }
}
