package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/** The shell: lines run as in a scenario, errors are one line and the shell goes on, help, exit, and JLine's reader. */
class ShellTest {
    private final VerbTable verbs = VerbTable.standard();

    private String[] run(String... lines) {
        Iterator<String> input = List.of(lines).iterator();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new Shell(new ScenarioRunner(PolicyRegistry.load(Optional.empty()), verbs)
                .interactive(Map.of("ram", "512M", "swap", "0")), verbs)
                .run(prompt -> input.hasNext() ? input.next() : null, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void linesRunOnOneMachineAndABadOneDoesNotStopIt() {
        String[] r = run("spawn p", "p malloc m 4M", "bogus line", "p touch m", "grep VmRSS /proc/p/status", "exit",
                "echo never");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("VmRSS:\t    4"), r[1]);
        assertTrue(!r[1].contains("never"), "exit ends the shell");
        assertTrue(r[2].startsWith("shell:3: unknown verb 'bogus'"), r[2]);
        assertEquals(1, r[2].strip().split("\n").length);
    }

    @Test
    void helpShowsAVerbsFormAndTheMachineLineIsRefused() {
        String[] r = run("help tick", "help nosuch", "machine ram=1G");
        assertTrue(r[1].contains("tick DURATION (such as 1s or 250ms)\n    let simulated time pass\n"), r[1]);
        assertTrue(r[1].contains("unknown verb 'nosuch'; expected one of "), r[1]);
        assertTrue(r[2].startsWith("shell:3: the machine has booted"), r[2]);
    }

    @Test
    void aPanicEndsTheShellWithStatusThree() {
        String[] r = run("sysctl vm.panic_on_oom=1", "spawn a", "a malloc m 300M", "a touch m", "spawn b",
                "b malloc m 300M", "b touch m", "echo after");
        assertEquals(Integer.toString(Main.KERNEL_PANIC), r[0]);
        assertTrue(r[1].contains("Kernel panic - not syncing"), r[1]);
        assertTrue(!r[1].contains("after"));
    }

    @Test
    void jlinesReaderReadsLinesAndCompletesVerbsAndPaths() throws IOException {
        // A pipe kept open, as a user's terminal is: the lines are there before the reader asks for them.
        java.io.PipedOutputStream typed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(typed);
        typed.write("tick 1s\ncat /proc/uptime\n".getBytes(StandardCharsets.UTF_8));
        try (Terminal terminal = TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB)
                .streams(in, new ByteArrayOutputStream()).build()) {
            LineReader reader = ShellCommand.reader(terminal, verbs, () -> java.util.Set.of("app"));
            assertEquals("tick 1s", reader.readLine("mm> "));
            assertEquals("cat /proc/uptime", reader.readLine("mm> "));
            List<Candidate> candidates = new ArrayList<>();
            ((org.jline.reader.impl.LineReaderImpl) reader).getCompleter()
                    .complete(reader, reader.getParser().parse("cat /proc/me", 12), candidates);
            assertTrue(candidates.stream().anyMatch(c -> c.value().equals("/proc/meminfo")), candidates.toString());
            assertTrue(candidates.stream().anyMatch(c -> c.value().equals("vmstat")));
            assertTrue(candidates.stream().anyMatch(c -> c.value().equals("/proc/app/smaps")), "a process's own files");
        }
    }

    @Test
    void theProcessesToCompleteAreTheScenariosOwn() {
        var machine = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), verbs).interactive(Map.of("ram", "512M"));
        machine.run("spawn p");
        machine.run("p fork q");
        assertEquals(java.util.Set.of("p", "q"), machine.processNames());
        machine.run("q exit");
        assertEquals(java.util.Set.of("p"), machine.processNames());
    }

    @Test
    void errorsCountTheLinesAsTypedHelpAndBlankLinesIncluded() {
        String[] r = run("help", "", "help tick", "spawn a", "# a comment", "a touhc m", "help tuoch");
        assertEquals("shell:6: unknown verb 'touhc' for process a; did you mean 'touch'?\n", r[2]);
        assertTrue(r[1].contains("unknown verb 'tuoch'; did you mean 'touch'?\n"), r[1]);
    }
}
