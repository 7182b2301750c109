package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;

/** free, vmstat and /proc/stat on a simulated machine: idle, and thrashing; and the tools' options. */
class ViewVerbsTest {
    private final ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());

    private String run(String... lines) {
        return runner.run("v.mms", List.of(lines), OptionalLong.empty()).text();
    }

    private String error(String... lines) {
        return assertThrows(ScenarioException.class, () -> runner.run("v.mms", List.of(lines), OptionalLong.empty()))
                .getMessage();
    }

    private static long[] columns(String line) {
        String[] words = line.trim().split(" +");
        long[] values = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            values[i] = Long.parseLong(words[i]);
        }
        return values;
    }

    @Test
    void anIdleMachineIsIdle() {
        String[] lines = run("machine cpus=2", "tick 1s", "vmstat 1 3").split("\n");
        assertEquals(5, lines.length);
        for (int i = 3; i < 5; i++) {
            long[] c = columns(lines[i]);
            assertEquals(0, c[0] + c[1], "nothing runs: " + lines[i]);
            assertEquals(100, c[14], "id: " + lines[i]);
            assertEquals(0, c[10] + c[11], "no interrupts or switches on a tickless idle machine: " + lines[i]);
        }
    }

    @Test
    void aThrashingMachineWaitsForTheDisk() {
        String text = run("machine ram=1G swap=2G cpus=2", "spawn a", "spawn b", "spawn c", "a malloc x 400M",
                "b malloc y 400M", "c malloc z 400M", "a loop x", "b loop y", "c loop z", "tick 2s", "vmstat 1 3",
                "cat /proc/stat", "cat /proc/uptime");
        String[] lines = text.split("\n");
        for (int i = 3; i < 5; i++) {
            long[] c = columns(lines[i]);
            // Past RAM, the programs' new pages wait for reclaim to write old ones out: so and bo, at the disk's pace.
            assertTrue(c[7] > 0 && c[9] > 0 && c[9] <= 102_400, "so and bo: " + lines[i]);
            assertTrue(c[15] > 50, "mostly waiting for I/O: " + lines[i]);
            assertEquals(100, c[12] + c[13] + c[14] + c[15] + c[16], 2, "the shares add up: " + lines[i]);
            assertTrue(c[1] > 0, "tasks blocked: " + lines[i]);
        }
        long[] cpu = columns(text.substring(text.indexOf("cpu  ") + 5, text.indexOf("\n", text.indexOf("cpu  "))));
        long ticks = cpu[0] + cpu[2] + cpu[3] + cpu[4];
        // The uptime on 2 CPUs, at USER_HZ 100: each CPU's ticks are truncated on their own. It is more than the 4 s
        // the lines ask for: a fault that waits behind the disk's queue ends its wait after vmstat's interval.
        String[] uptime = lines[lines.length - 1].split(" ");
        double seconds = Double.parseDouble(uptime[0]);
        assertTrue(seconds >= 4, "at least the 4 s asked for: " + lines[lines.length - 1]);
        assertEquals(seconds * 200, ticks, 4, "every CPU's time is accounted: " + text);
        assertTrue(text.contains("\nprocesses 40\n"), "init, 36 kernel threads and three programs");
    }

    @Test
    void freeFollowsMeminfo() {
        String text = run("machine ram=1G", "free", "free -m -w", "cat /proc/meminfo");
        long total = columns(text.split("\n")[1].substring(4))[0];
        assertTrue(text.contains(String.format("MemTotal:       %8d kB", total)), text);
        assertEquals(total >> 10, columns(text.split("\n")[4].substring(4))[0], "MiB, truncated");
    }

    @Test
    void topAndPsShowTheLoopsAndTheirMemory() {
        String text = run("machine ram=1G cpus=2", "spawn big", "spawn small", "big malloc x 300M", "small malloc y 30M",
                "big loop x", "small loop y", "tick 12s", "top -b -n 1 -o RES", "ps -e -o pid,rss,comm",
                "cat /proc/loadavg");
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("top - 00:00:12 up 0 min,  0 user,  load average: "), lines[0]);
        assertTrue(lines[1].startsWith("Tasks:  39 total,   2 running,  37 sleeping,"), "36 kernel threads: " + lines[1]);
        String first = lines[7];
        assertTrue(first.startsWith("   38 root      20   0 ") && first.contains(" R ") && first.endsWith(" big"),
                "the biggest resident first: " + first);
        // Two loops, two CPUs: each has a CPU to itself for the 12 s less its first-touch faults.
        String cpu = first.substring(first.indexOf(" R ") + 3).trim().split(" +")[0];
        assertTrue(Double.parseDouble(cpu) > 90, first);
        assertTrue(text.contains("\n  PID   RSS COMMAND\n    1 "), text);
        String load = lines[lines.length - 1];
        // Two runnable tasks for 12 s: two updates of the 1-minute average (at 5 and 10 s) from 0 towards 2.
        assertTrue(load.startsWith("0.31 0.07 0.02 2/39 39"), load);
    }

    /** top.c: each frame's shares are over the interval since the one before; the first over LIB_USLEEP's 150 ms. */
    @Test
    void topFramesShowTheIntervalBeforeEach() {
        String text = run("machine ram=1G cpus=2", "spawn a", "a malloc x 4M", "a loop x", "tick 2s",
                "top -bn2 -d 1 -o -PID", "a stop", "top -b -n 1");
        String[] frames = text.split("(?m)^(?=top - )");
        assertEquals(3, frames.length, text);
        assertTrue(frames[0].endsWith(" a\n\n"), "batch frames are a blank line apart: " + frames[0]);
        assertTrue(frames[0].startsWith("top - 00:00:02 up"), frames[0]);
        assertTrue(frames[1].startsWith("top - 00:00:03 up"), frames[1]);
        for (int i = 0; i < 2; i++) {
            assertTrue(frames[i].contains("%Cpu(s): 50.0 us,  0.0 sy,  0.0 ni, 50.0 id,"), "one loop on two CPUs: " + frames[i]);
            assertTrue(row(frames[i], 38).contains(" R 100.0 "), frames[i]);
        }
        assertTrue(frames[2].contains("%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,"), "the loop stopped: " + frames[2]);
        assertTrue(row(frames[2], 38).contains(" S   0.0 "), frames[2]);
        assertTrue(row(frames[2], 38).endsWith("   0:03.15 a"), "TIME+ is the whole of it: " + frames[2]);
    }

    /** The row of {@code pid} in a top frame. */
    private static String row(String frame, int pid) {
        return frame.lines().filter(l -> l.startsWith(String.format("%5d ", pid))).findFirst().orElse("no pid " + pid);
    }

    @Test
    void badLinesAreOneLineErrors() {
        assertEquals("v.mms:1: 'top' needs a terminal (./mm shell on one); expected top -b -n N in a scenario or on a "
                + "pipe", error("top"));
        assertTrue(error("top -b -n x").contains("-n takes a whole number of frames"), error("top -b -n x"));
        assertTrue(error("top -b -n 1 -d 0").contains("a delay above 0"), error("top -b -n 1 -d 0"));
        assertTrue(error("top -b -n 1 -q").startsWith("v.mms:1: option '-q'"), error("top -b -n 1 -q"));
        assertTrue(error("top -b -n 1 -o FOO").startsWith("v.mms:1: sort field 'FOO'"), error("top -b -n 1 -o FOO"));
        assertTrue(error("ps -o pid,foo").startsWith("v.mms:1: unknown field 'foo'"), error("ps -o pid,foo"));
        assertTrue(error("free -x").startsWith("v.mms:1: option '-x'; expected free [-b|-k|-m|-g|-h] [-w] [-s SECS"),
                error("free -x"));
        assertTrue(error("vmstat 1").startsWith("v.mms:1: vmstat 1 would run until interrupted"), error("vmstat 1"));
        assertEquals("v.mms:1: -S requires k, K, m or M (default is KiB)", error("vmstat -S x"));
        assertTrue(error("vmstat 0 3").startsWith("v.mms:1: '0'; expected vmstat"), error("vmstat 0 3"));
    }

    @Test
    void toolOptionsAreReadAsGetoptReadsThem() {
        assertEquals(run("free -h -w"), run("free -hw"), "clustered");
        assertEquals(run("free -h"), run("free -b -h"), "the last unit wins");
        assertEquals(run("vmstat -a -s"), run("vmstat -as"));
        assertEquals(run("top -b -n 1 -o RES"), run("top -bn1 -oRES"), "values attached");
        assertEquals(run("ps -o pid,comm"), run("ps -o pid -o comm"), "each -o adds its fields");
        assertEquals(run("sar -B 1 2"), run("sar -B -- 1 2"), "-- ends the options");
        assertEquals("v.mms:1: top -n needs N; expected " + TopVerb.USAGE, error("top -b -n"));
        assertEquals("v.mms:2: 'extra'; expected pmap -x NAME", error("spawn p", "pmap -x p extra"));
        assertEquals("v.mms:1: pmap needs -x; expected pmap -x NAME", error("pmap p"));
        assertEquals("v.mms:1: pmap needs NAME; expected pmap -x NAME", error("pmap -x"));
    }
}
