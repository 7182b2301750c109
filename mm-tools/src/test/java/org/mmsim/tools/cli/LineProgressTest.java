package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.LineClock;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.scenario.VerbTable;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * {@code ./mm run}'s progress on a terminal: drawn while a line runs (here at every look the simulation takes, on its
 * own thread, rather than on the wall clock), erased before the line's output; a line that is one wait shows a bar.
 */
class LineProgressTest {
    private static final List<String> LOOPING = List.of("spawn a", "a malloc m 1M", "a touch m write", "a loop m");

    /** Runs {@code lines}, drawing {@code progress} at every look at whether to stop; returns what each drawing said. */
    private static List<String> drawings(List<String> lines, boolean terminal) {
        StringWriter err = new StringWriter();
        LineProgress progress = new LineProgress(new ProgressBar(new PrintWriter(err), terminal), 0);
        List<String> ends = new ArrayList<>();
        new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard()).run("p.mms", lines,
                OptionalLong.empty(), Map.of(), new ScenarioRunner.StepListener() {
                    @Override
                    public void before(ScenarioLine line, LineClock clock) {
                        progress.lineBegins(line, clock);
                    }

                    @Override
                    public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine) {
                        progress.lineEnded();
                        ends.add(err.toString());
                    }

                    @Override
                    public boolean stopRequested() {
                        progress.draw();
                        return false;
                    }
                });
        List<String> drawn = new ArrayList<>();
        for (String part : err.toString().split("\r")) {
            if (!part.isBlank()) {
                drawn.add(part.strip());
            }
        }
        assertTrue(ends.stream().allMatch(e -> e.isEmpty() || e.endsWith("\r")), "erased before each line's output");
        return drawn;
    }

    @Test
    void aLongWaitShowsABarOfItsSimulatedTime() {
        List<String> lines = new ArrayList<>(LOOPING);
        lines.add("tick 2s");
        List<String> drawn = drawings(lines, true);
        assertTrue(drawn.size() > 100, drawn.toString());
        Pattern bar = Pattern.compile("line 5 \\[=*>? *\\] +\\d+%  [0-2]/2 s simulated, \\d+ s left: tick 2s");
        assertTrue(drawn.stream().allMatch(d -> bar.matcher(d).matches()), drawn.get(0));
        assertTrue(drawn.stream().anyMatch(d -> d.contains(" 50%")), "the bar moves");
    }

    @Test
    void aLineOfSeveralWaitsShowsTheTimeItLetPass() {
        List<String> lines = new ArrayList<>(LOOPING);
        lines.add("vmstat 1 3");
        List<String> drawn = drawings(lines, true);
        assertTrue(drawn.stream().anyMatch(d -> d.matches("line 5, 2 s simulated in \\d+ s: vmstat 1 3")), drawn.toString());
    }

    @Test
    void offATerminalNothingIsDrawn() {
        List<String> lines = new ArrayList<>(LOOPING);
        lines.add("tick 100ms");
        assertEquals(List.of(), drawings(lines, false));
    }
}
