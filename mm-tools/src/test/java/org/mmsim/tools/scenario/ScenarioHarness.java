package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.trace.plugin.PolicyRegistry;

/** Runs scenario lines as a file of the given name, for the scenario tests: the result, or the one-line error. */
final class ScenarioHarness {
    private final ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
    private final String file;

    ScenarioHarness(String file) {
        this.file = file;
    }

    ScenarioResult run(String... lines) {
        return run(List.of(lines));
    }

    ScenarioResult run(List<String> lines) {
        return runner.run(file, lines, OptionalLong.empty());
    }

    /** The run with its seed given on the command line. */
    ScenarioResult run(List<String> lines, long seed) {
        return runner.run(file, lines, OptionalLong.of(seed));
    }

    /** The message of the error the lines end with. */
    String error(String... lines) {
        return assertThrows(ScenarioException.class, () -> run(lines)).getMessage();
    }

    /** What line {@code number} printed. */
    static String printedBy(ScenarioResult result, int number) {
        StringBuilder text = new StringBuilder();
        result.printed().stream().filter(p -> p.line() == number).forEach(p -> text.append(p.text()));
        return text.toString();
    }

    /** A number of /proc text: the first {@code LABEL: N} (status, smaps, meminfo). */
    static long figure(String text, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + ":\\s+(\\d+)").matcher(text);
        assertTrue(m.find(), "no " + label + " in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
