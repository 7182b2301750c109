package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The tools that run until stopped, on the shell's terminal or pipe (a {@link ScriptedTty}): each report shown as it
 * comes, simulated time passing by the delay between two, keys read on a terminal, and Ctrl-C ending the command but
 * not the shell.
 */
class LiveToolsTest {
    private static final int NO_KEY = Tty.NO_KEY;

    private static Interactive shell(Tty tty) {
        Interactive shell = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .interactive(Map.of("ram", "512M", "swap", "0", "cpus", "2"));
        shell.attach(tty);
        return shell;
    }

    /** The screens a terminal was shown, each after the form feed that stands for clearing it. */
    private static List<String> screens(ScriptedTty tty) {
        return List.of(tty.shown().split("\f", -1)).subList(1, tty.shown().split("\f", -1).length);
    }

    @Test
    void vmstatWithoutACountRunsUntilCtrlC() {
        ScriptedTty pipe = new ScriptedTty(false, List.of(NO_KEY, NO_KEY));
        Interactive shell = shell(pipe);
        assertEquals("", shell.run("vmstat 1"), "each line is shown as it comes");
        List<String> lines = pipe.shown().lines().toList();
        assertEquals(5, lines.size(), "the header and three lines, a second apart: " + pipe.shown());
        assertEquals(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st", lines.get(1));
        assertTrue(shell.run("cat /proc/uptime").startsWith("2.02 "), "two seconds passed after the boot's 0.02 s; Ctrl-C, not the shell, ended");
    }

    @Test
    void freeAndTopBatchRunUntilCtrlC() {
        ScriptedTty pipe = new ScriptedTty(false, List.of(NO_KEY));
        shell(pipe).run("free -m -s 2");
        assertEquals(7, pipe.shown().lines().count(), "two reports, a blank line between: " + pipe.shown());
        ScriptedTty frames = new ScriptedTty(false, List.of(NO_KEY, NO_KEY));
        shell(frames).run("top -b -d 1");
        assertEquals(3, frames.shown().split("(?m)^top - ").length - 1, frames.shown());
        assertTrue(frames.shown().contains("top - 00:00:02 up 0 min"), "150 ms, then a second twice: " + frames.shown());
    }

    /**
     * top on a terminal: a frame, another after the delay (3 s pass), M sorts by memory, 1 shows each CPU, F opens the
     * Fields Management screen on the sort field, Down and s choose TIME+, q goes back and q again leaves top.
     */
    @Test
    void topOnATerminalTakesKeys() {
        ScriptedTty terminal = new ScriptedTty(true, List.of(NO_KEY, (int) 'M', (int) '1', (int) 'F', Tty.DOWN,
                (int) 's', (int) 'q', (int) 'q'));
        Interactive shell = shell(terminal);
        shell.run("spawn app");
        shell.run("app malloc m 64M");
        shell.run("app touch m write");
        assertEquals("", shell.run("top"));
        List<String> screens = screens(terminal);
        assertEquals(8, screens.size(), terminal.shown());
        assertTrue(screens.get(0).startsWith("top - 00:00:00 up 0 min"), screens.get(0));
        assertTrue(screens.get(1).startsWith("top - 00:00:03 up 0 min"), "the delay passed: " + screens.get(1));
        // RES: hello's start, 1140 kB (1056 of file pages, which are SHR, and 84 anonymous: ProgramStartTest), and
        // the 64 MiB written with malloc's header page, 65540 kB; VIRT: hello's 2356 kB and the mapping's 65540.
        // %MEM is of MemTotal, which the dentry and inode hash tables of memblock make smaller.
        assertEquals("   38 root      20   0   67896  66680   1056 S   0.0  13.9   0:00.00 app",
                screens.get(2).lines().skip(7).findFirst().orElseThrow(), "M: the biggest RES first");
        assertEquals(List.of(
                "%Cpu0  :  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ",
                "%Cpu1  :  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st "),
                screens.get(3).lines().skip(2).limit(2).toList(), "1: each CPU");
        assertEquals(TopScreen.fieldsScreen(org.mmsim.tools.view.TopField.MEM, 9), screens.get(4));
        assertEquals(String.join("\n",
                "Fields Management for window 1:Def, whose current sort field is TIME+",
                "   Navigate with Up/Dn, 's' sets sort.  Use 'q' or <Esc> to end!",
                "",
                "* PID      = Process Id",
                "* USER     = Effective User Name",
                "* PR       = Priority",
                "* NI       = Nice Value",
                "* VIRT     = Virtual Image (KiB)",
                "* RES      = Resident Size (KiB)",
                "* SHR      = Shared Memory (KiB)",
                "* S        = Process Status",
                "* %CPU     = CPU Usage",
                "* %MEM     = Memory Usage (RES)",
                "* \033[7mTIME+   \033[m = CPU Time, hundredths",
                "* COMMAND  = Command Name/Line", ""), screens.get(6));
        assertTrue(screens.get(7).contains("%Cpu1  :"), "back to the frame, each CPU still shown");
        assertTrue(screens.get(7).endsWith("\n\n"), "q leaves the cursor under the frame");
        // The priming 150 ms and one delay, after the program's start, which waited for its image's pages on the disk.
        double uptime = Double.parseDouble(shell.run("cat /proc/uptime").split(" ")[0]);
        assertTrue(uptime >= 3.15 && uptime < 3.20, "the priming 150 ms and one delay passed: " + uptime);
    }

    @Test
    void topWithAFrameCountEndsByItself() {
        ScriptedTty terminal = new ScriptedTty(true, List.of(NO_KEY, NO_KEY, NO_KEY));
        shell(terminal).run("top -n 2 -d 0.5");
        assertEquals(2, screens(terminal).size());
        assertEquals(1, terminal.waits(), "one wait, between the two frames");
    }

    @Test
    void watchRedrawsALineUntilQ() {
        ScriptedTty terminal = new ScriptedTty(true, List.of(NO_KEY, (int) 'q'));
        shell(terminal).run("watch -n 1 free -m");
        List<String> screens = screens(terminal);
        assertEquals(2, screens.size());
        assertEquals("Every 1.0s: free -m" + " ".repeat(30) + "mmsim: Thu Jan  1 00:00:01 2026",
                screens.get(1).lines().findFirst().orElseThrow());
        assertEquals("", screens.get(1).lines().skip(1).findFirst().orElseThrow());
        assertEquals("               total        used        free      shared  buff/cache   available",
                screens.get(1).lines().skip(2).findFirst().orElseThrow());
    }

    @Test
    void watchOnAPipePrintsScreenAfterScreen() {
        ScriptedTty pipe = new ScriptedTty(false, List.of(NO_KEY));
        shell(pipe).run("watch -t -n 0.01 cat /proc/uptime");
        // The boot took 0.02 s, two CPUs idle.
        assertEquals("0.02 0.04\n\n0.12 0.24\n", pipe.shown(), "-t: no title; -n at least 0.1 s");
    }

    @Test
    void watchHeaderCutsALongCommand() {
        assertEquals("Every 2.0s: " + "x".repeat(32) + "...  mmsim: Thu Jan  1 00:00:00 2026",
                WatchVerb.header("Every 2.0s: ", "x".repeat(60), 0));
    }

    @Test
    void ctrlCStopsALongTickAndTheShellGoesOn() {
        ScriptedTty pipe = new ScriptedTty(false, List.of()).ctrlCAfter(3);
        Interactive shell = shell(pipe);
        shell.run("tick 1h");
        assertTrue(shell.run("cat /proc/uptime").startsWith("180.02 "), "after the boot's 0.02 s, a minute at a time, until Ctrl-C");
    }

    @Test
    void whatRunsUntilStoppedNeedsTheShell() {
        ScenarioHarness file = new ScenarioHarness("w.mms");
        assertEquals("w.mms:1: watch would run until interrupted (Ctrl-C in ./mm shell); expected watch in ./mm shell "
                + "(in a scenario, the line again after a tick)", file.error("watch free"));
        assertEquals("w.mms:1: watch needs CMD; expected " + WatchVerb.USAGE, file.error("watch -n 1"));
        assertTrue(file.error("watch -n 1 nosuch").startsWith("w.mms:1: unknown verb 'nosuch'"));
        String onAPipe = assertThrows(ScenarioException.class, () -> shell(new ScriptedTty(false, List.of()))
                .run("top")).getMessage();
        assertEquals("shell:1: 'top' needs a terminal (./mm shell on one); expected top -b -n N in a scenario or on a "
                + "pipe", onAPipe);
    }

    /** A tool that runs until Ctrl-C draws on the shell's terminal itself: no progress may be drawn over it. */
    @Test
    void aToolUntilCtrlCTakesTheScreenATickLeavesIt() {
        Interactive shell = shell(new ScriptedTty(false, List.of(NO_KEY, NO_KEY)));
        List<Boolean> onScreen = new java.util.ArrayList<>();
        LineClock[] clock = new LineClock[1];
        shell.listen(new ScenarioRunner.StepListener() {
            @Override
            public void before(ScenarioLine line, LineClock lineClock) {
                clock[0] = lineClock;
            }

            @Override
            public void after(ScenarioLine line, List<Session.Printed> printed,
                              org.mmsim.tools.machine.SimulatedMachine machine) {
                onScreen.add(clock[0].onScreen());
            }
        });
        shell.run("tick 1s");
        shell.run("vmstat 1");
        shell.run("tick 1s");
        assertEquals(List.of(false, true, false), onScreen);
    }
}
