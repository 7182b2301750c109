package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.mmsim.tools.scenario.Tty;
import org.mmsim.tools.scenario.VerbTable;

/** The shell: lines run as in a scenario, errors are one line and the shell goes on, help, exit, and JLine's reader. */
class ShellTest {
    private final VerbTable verbs = VerbTable.standard();

    private String[] run(String... lines) {
        return runOn(Map.of("ram", "512M", "swap", "0"), lines);
    }

    /** The shell on a machine of {@code keys}: its status, what it printed and what it said was wrong. */
    private String[] runOn(Map<String, String> keys, String... lines) {
        Iterator<String> input = List.of(lines).iterator();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new Shell(new ScenarioRunner(PolicyRegistry.load(Optional.empty()), verbs)
                .interactive(keys), verbs)
                .run(prompt -> input.hasNext() ? input.next() : null, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void linesRunOnOneMachineAndABadOneDoesNotStopIt() {
        String[] r = run("spawn p", "p malloc m 4M", "bogus line", "p touch m", "grep VmRSS /proc/p/status", "exit",
                "echo never");
        assertEquals("0", r[0]);
        // 4 MiB written and malloc's header page (4100 kB), over hello's start (1140 kB: ProgramStartTest).
        assertTrue(r[1].contains("VmRSS:\t    5240 kB"), r[1]);
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

    /**
     * A terminal for the tests: JLine's, of type xterm and 80 × 24, writing to {@code shown}; {@code typed} is what the
     * user typed, on a pipe kept open as a user's terminal is.
     */
    private static Terminal xterm(String typed, ByteArrayOutputStream shown) throws IOException {
        return xterm(typed, new java.io.PipedOutputStream(), shown);
    }

    private static Terminal xterm(String typed, java.io.PipedOutputStream keys, ByteArrayOutputStream shown)
            throws IOException {
        java.io.PipedInputStream in = new java.io.PipedInputStream(keys);
        // JLine's own line discipline, not a pseudo-terminal's: Ctrl-C typed is its SIGINT, as a terminal's is ours.
        Terminal terminal = new org.jline.terminal.impl.ExternalTerminal("test", "xterm", in, shown,
                StandardCharsets.UTF_8);
        terminal.setSize(new org.jline.terminal.Size(80, 24));
        // The keys are typed while the tool reads them raw, as they are on a terminal (not turned into lines first).
        terminal.enterRawMode();
        keys.write(typed.getBytes(StandardCharsets.UTF_8));
        return terminal;
    }

    /** Keys come one at a time, arrows decoded from either form of their sequence; Ctrl-C stops the line. */
    @Test
    void theTerminalsKeys() throws IOException {
        try (Terminal terminal = xterm("M\033[B\033OAq\033", new ByteArrayOutputStream())) {
            ShellTty tty = new ShellTty(terminal);
            assertTrue(tty.isTerminal());
            assertEquals(List.of((int) 'M', Tty.DOWN, Tty.UP, (int) 'q', Tty.ESCAPE, Tty.NO_KEY),
                    List.of(tty.key(5000), tty.key(5000), tty.key(5000), tty.key(5000), tty.key(5000), tty.key(100)));
            assertFalse(tty.interrupted());
        }
        java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
        try (Terminal terminal = xterm("", keys, new ByteArrayOutputStream())) {
            ShellTty tty = new ShellTty(terminal);
            keys.write(3);
            keys.flush();
            assertEquals(Tty.NO_KEY, tty.key(5000));
            assertTrue(tty.interrupted(), "Ctrl-C");
            tty.lineBegins();
            assertFalse(tty.interrupted(), "the next line starts afresh");
        }
    }

    /** top on a JLine terminal: each frame after xterm's clear, cut to the screen's 24 lines; M, then q. */
    @Test
    void topRedrawsAJLineTerminal() throws IOException {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (Terminal terminal = xterm("Mq", shown)) {
            ShellTty tty = new ShellTty(terminal);
            var machine = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), verbs).interactive(Map.of("ram", "512M"));
            machine.attach(tty);
            machine.run("spawn app");
            machine.run("app malloc m 64M");
            machine.run("app touch m write");
            assertEquals("", machine.run("top"));
            tty.lineEnded();
        }
        String[] screens = shown.toString(StandardCharsets.UTF_8).split("\033\\[H\033\\[2J", -1);
        assertEquals(3, screens.length, "nothing, then two frames");
        // The terminal's output processing ends each line with CR LF.
        assertEquals(24, screens[1].split("\r\n", -1).length, "a screenful, the last line without its newline");
        assertTrue(screens[2].split("\r\n")[7].endsWith(" app"), "M: the biggest RES first: " + screens[2]);
    }

    @Test
    void aFrameIsCutToTheScreen() {
        assertEquals("a\nb", ShellTty.fit("a\nb\nc\n", 2));
        assertEquals("a\nb", ShellTty.fit("a\nb\n", 24));
        assertEquals("a\nb", ShellTty.fit("a\nb", 24));
    }

    /** A dumb terminal (a pipe) has no screen nor keys: a wait is only a wait, which Ctrl-C cuts short. */
    @Test
    void aDumbTerminalWaits() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB)
                .streams(new java.io.ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build()) {
            ShellTty tty = new ShellTty(terminal);
            assertFalse(tty.isTerminal());
            assertEquals(Tty.NO_KEY, tty.key(1));
            tty.interrupt();
            long start = System.nanoTime();
            tty.pause(60_000);
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "Ctrl-C ends the wait");
        }
    }

    /** The README's first example: its lines piped into the shell, on the default machine, print what it shows. */
    @Test
    void theReadmesFirstExample() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        String command = "$ printf '";
        int at = readme.indexOf(command);
        String piped = readme.substring(at + command.length(), readme.indexOf("' | ./mm shell\n", at));
        String shown = readme.substring(readme.indexOf('\n', at) + 1, readme.indexOf("```", at));
        String[] r = runOn(Map.of(), piped.split("\\\\n"));
        assertEquals(shown, r[1]);
    }
}
