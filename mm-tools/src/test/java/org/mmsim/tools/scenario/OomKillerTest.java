package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.figure;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

/**
 * The OOM killer through scenarios on a small machine without swap: whom it kills (oom_badness(), never init nor a
 * task at oom_score_adj -1000), the report's lines in the kernel's formats, /proc/PID/oom_score, and the three vm
 * sysctls.
 */
class OomKillerTest {
    /** dmesg's time prefix. */
    private static final String TIME = "\\[ *\\d+\\.\\d{6}\\] ";
    private static final Pattern KILLED = Pattern.compile(TIME + "Out of memory(?: \\(oom_kill_allocating_task\\))?: "
            + "Killed process (\\d+) \\((\\S+)\\) .*oom_score_adj:(-?\\d+)");
    private static final Pattern ROW = Pattern.compile(TIME + "\\[ *(\\d+)\\] +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) "
            + "+(\\d+) +(\\d+) +(-?\\d+) (\\S+)");

    private final ScenarioHarness scenarios = new ScenarioHarness("oom.mms");

    /**
     * Four programs on 128 MiB: a, b and c hold 30, 20 and 10 MiB, then hog touches {@code hog} MiB, more than is
     * left; line 10 is the one setting, the hog's touch line 19.
     */
    private static List<String> pressureLines(int hog, String setting) {
        List<String> lines = new ArrayList<>(List.of("machine ram=128M swap=0", "image a text=64K", "image b text=64K",
                "image c text=64K", "image hog text=64K", "spawn a image=a", "spawn b image=b", "spawn c image=c",
                "spawn hog image=hog", setting));
        lines.addAll(List.of("a malloc m 30M", "a touch m", "b malloc m 20M", "b touch m", "c malloc m 10M", "c touch m",
                "tick 1s", "hog malloc m " + hog + "M", "hog touch m", "echo done"));
        return lines;
    }

    private ScenarioResult pressure(String setting) {
        return scenarios.run(pressureLines(80, setting).toArray(String[]::new));
    }

    private ScenarioResult pressure() {
        return pressure("echo go");
    }

    private static List<String> killed(ScenarioResult result) {
        List<String> names = new ArrayList<>();
        Matcher m = KILLED.matcher(result.text());
        while (m.find()) {
            names.add(m.group(2));
        }
        return names;
    }

    @Test
    void theLinuxPolicyKillsTheTaskOfHighestBadnessAndTheOthersGoOn() {
        ScenarioResult result = pressure();
        // a holds the most of a, b and c; hog is the largest when its fault runs out of memory.
        List<String> victims = killed(result);
        assertFalse(victims.isEmpty(), result.text());
        assertEquals("hog", victims.get(0), result.text());
        assertTrue(result.text().contains("\nhog: Killed\n"), result.text());
        assertTrue(result.text().endsWith("done\n"), "the scenario goes on: " + result.text());
        assertEquals(victims.size(), result.machine().vmstat().get(VmItem.OOM_KILL));
    }

    @Test
    void oomScoreAdjOutweighsSize() {
        // 45 MiB for hog: with a, b and c's 60 more than the booted 128 MiB machine has free, and within what it has
        // once c is gone (hog reached 47736 kB before a second OOM when it asked for 50).
        ScenarioResult result = scenarios.run(pressureLines(45, "c oom_score_adj 1000").toArray(String[]::new));
        // c holds 10 MiB, but 1000 adds all of memory to its badness.
        assertEquals("c", killed(result).get(0), result.text());
        assertTrue(result.text().contains("\nc: Killed\n"), result.text());
        // c's 10 MiB were enough for the rest of hog's touch.
        assertEquals(List.of("c"), killed(result), result.text());
    }

    @Test
    void theVictimIsTheHighestBadnessOfTheTableItPrints() {
        ScenarioResult result = pressure("b oom_score_adj 300");
        String text = result.text();
        long totalPages = result.machine().physicalMemory().totalRamPages();
        Matcher row = ROW.matcher(text.substring(0, text.indexOf("oom-kill:")));
        String best = null;
        long bestPoints = Long.MIN_VALUE;
        while (row.find()) {
            int adj = Integer.parseInt(row.group(11));
            long points = Long.parseLong(row.group(5)) + Long.parseLong(row.group(10)) + Long.parseLong(row.group(9)) / 4096
                    + adj * (totalPages / 1000);
            if (adj != -1000 && points >= bestPoints) {
                best = row.group(12);
                bestPoints = points;
            }
        }
        assertEquals(best, killed(result).get(0), text);
    }

    @Test
    void initAndOomScoreAdjMinus1000AreNeverKilled() {
        ScenarioResult result = scenarios.run("machine ram=64M swap=0", "image big text=64K", "image hog text=64K", "spawn big image=big",
                "spawn hog image=hog", "big oom_score_adj -1000", "big malloc m 30M", "big touch m", "hog malloc m 40M",
                "hog touch m", "big report big");
        assertEquals(List.of("hog"), killed(result), result.text());
        assertTrue(result.text().contains("big: max RSS"), result.text());
        // dump_tasks() leaves init out, and shows the -1000 task.
        assertFalse(result.text().contains(" init\n"), result.text());
        assertTrue(result.text().matches("(?s).*\\s-1000 big\n.*"), result.text());
    }

    @Test
    void withNothingKillableTheMachinePanics() {
        ScenarioResult result = scenarios.run("machine ram=64M swap=0", "image big text=64K", "image hog text=64K", "spawn big image=big",
                "spawn hog image=hog", "big oom_score_adj -1000", "hog oom_score_adj -1000", "big malloc m 30M", "big touch m",
                "hog malloc m 30M", "hog touch m", "echo never");
        assertTrue(result.panicked());
        assertEquals("System is deadlocked on memory", result.panic());
        String text = result.text();
        assertTrue(text.matches("(?s).*" + TIME + "Out of memory and no killable processes\\.\\.\\.\n" + TIME
                + "Kernel panic - not syncing: System is deadlocked on memory\n" + TIME
                + "---\\[ end Kernel panic - not syncing: System is deadlocked on memory \\]---\n"), text);
        assertFalse(text.contains("never"));
    }

    @Test
    void panicOnOomPanicsInsteadOfKilling() {
        ScenarioResult one = pressure("sysctl vm.panic_on_oom=1");
        assertEquals("Out of memory: system-wide panic_on_oom is enabled", one.panic());
        assertTrue(one.text().contains("] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n"));
        assertTrue(one.text().contains(" invoked oom-killer: "), "dump_header() comes first: " + one.text());
        assertEquals(List.of(), killed(one));
        assertFalse(one.text().contains("done"));
        assertEquals(0, one.machine().vmstat().get(VmItem.OOM_KILL));
        assertEquals("Out of memory: compulsory panic_on_oom is enabled", pressure("sysctl vm.panic_on_oom=2").panic());
        assertEquals("oom.mms:10: vm.panic_on_oom 3; expected 0, 1 or 2",
                assertThrows(ScenarioException.class, () -> pressure("sysctl vm.panic_on_oom=3")).getMessage());
    }

    @Test
    void theMachinesOomPolicyDecides() {
        List<String> lines = pressureLines(50, "c oom_score_adj 1000");
        lines.set(0, "machine ram=128M swap=0 oom=largest-rss");
        // largest-rss leaves oom_score_adj out: not c, but the task with the most resident pages in the table.
        ScenarioResult largest = scenarios.run(lines.toArray(String[]::new));
        String text = largest.text();
        Matcher row = ROW.matcher(text.substring(0, text.indexOf("oom-kill:")));
        String most = null;
        long mostRss = -1;
        while (row.find()) {
            if (Long.parseLong(row.group(5)) >= mostRss) {
                most = row.group(12);
                mostRss = Long.parseLong(row.group(5));
            }
        }
        assertEquals(most, killed(largest).get(0), text);
        assertFalse(most.equals("c"), text);
        lines.set(0, "machine ram=128M swap=0 oom=panic");
        ScenarioResult panic = scenarios.run(lines.toArray(String[]::new));
        assertEquals("Out of memory: system-wide panic_on_oom is enabled", panic.panic());
        assertEquals(List.of(), killed(panic));
    }

    @Test
    void aPanicEndsTheRunWithExitStatus3(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("panic.mms");
        java.nio.file.Files.write(file, pressureLines(80, "sysctl vm.panic_on_oom=2"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = org.mmsim.tools.cli.Main.run(new String[] {"run", file.toString()}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(org.mmsim.tools.cli.Main.KERNEL_PANIC, status, err.toString());
        assertTrue(out.toString().endsWith("] ---[ end Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled ]---\n"),
                out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void oomKillAllocatingTaskKillsTheFaultingTask() {
        // c faults last here and is the smallest: the sysctl kills it rather than the largest.
        ScenarioResult result = scenarios.run("machine ram=64M swap=0", "image a text=64K", "image c text=64K", "spawn a image=a",
                "spawn c image=c", "sysctl vm.oom_kill_allocating_task=1", "a malloc m 40M", "a touch m", "c malloc m 30M",
                "c touch m", "a report a");
        assertEquals(List.of("c"), killed(result), result.text());
        assertTrue(result.text().contains("] Out of memory (oom_kill_allocating_task): Killed process "), result.text());
        assertTrue(result.text().contains("a: max RSS"), result.text());
    }

    @Test
    void oomDumpTasksZeroLeavesTheTableOut() {
        ScenarioResult result = pressure("sysctl vm.oom_dump_tasks=0");
        assertFalse(result.text().contains("Tasks state"), result.text());
        assertTrue(result.text().contains("] Mem-Info:\n"), result.text());
        assertEquals("hog", killed(result).get(0));
    }

    @Test
    void theReportFollowsTheKernelsLayoutLineByLine() {
        ScenarioResult result = pressure();
        List<String> lines = result.text().lines().filter(l -> l.startsWith("[")).toList();
        String[] expected = {
            "\\S+ invoked oom-killer: gfp_mask=0x[0-9a-f]+\\([A-Z_|]+\\), order=\\d+, oom_score_adj=-?\\d+",
            "CPU: \\d+ UID: \\d+ PID: \\d+ Comm: \\S+ Not tainted \\S+ #1 PREEMPT\\(\\w+\\) ",
            "Hardware name: .+",
            "Call Trace:",
            " <TASK>",
            "(FRAMES)",
            " </TASK>",
            "Mem-Info:",
            "active_anon:\\d+ inactive_anon:\\d+ isolated_anon:\\d+",
            " active_file:\\d+ inactive_file:\\d+ isolated_file:\\d+",
            " unevictable:\\d+ dirty:\\d+ writeback:\\d+",
            " slab_reclaimable:\\d+ slab_unreclaimable:\\d+",
            " mapped:\\d+ shmem:\\d+ pagetables:\\d+",
            " sec_pagetables:\\d+ bounce:\\d+",
            " kernel_misc_reclaimable:\\d+",
            " free:\\d+ free_pcp:\\d+ free_cma:\\d+",
            "Node 0 active_anon:\\d+kB inactive_anon:\\d+kB active_file:\\d+kB inactive_file:\\d+kB unevictable:\\d+kB "
                    + "isolated\\(anon\\):\\d+kB isolated\\(file\\):\\d+kB mapped:\\d+kB dirty:\\d+kB writeback:\\d+kB "
                    + "shmem:\\d+kB shmem_thp:\\d+kB shmem_pmdmapped:\\d+kB anon_thp:\\d+kB kernel_stack:\\d+kB "
                    + "pagetables:\\d+kB sec_pagetables:\\d+kB all_unreclaimable\\? (yes|no) Balloon:\\d+kB",
            "(ZONE)",
            "(BUDDY)",
            "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB",
            "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
            "\\d+ total pagecache pages",
            "\\d+ pages in swap cache",
            "Free swap  = \\d+kB",
            "Total swap = \\d+kB",
            "\\d+ pages RAM",
            "\\d+ pages HighMem/MovableOnly",
            "\\d+ pages reserved",
            "\\d+ pages cma reserved",
            "\\d+ pages hwpoisoned",
            "Tasks state \\(memory values in pages\\):",
            "\\[  pid  \\]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
            "(ROWS)",
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=\\(null\\),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,"
                    + "task=\\S+,pid=\\d+,uid=\\d+",
            "Out of memory: Killed process \\d+ \\(\\S+\\) total-vm:\\d+kB, anon-rss:\\d+kB, file-rss:\\d+kB, "
                    + "shmem-rss:\\d+kB, UID:\\d+ pgtables:\\d+kB oom_score_adj:-?\\d+",
            "oom_reaper: reaped process \\d+ \\(\\S+\\), now anon-rss:\\d+kB, file-rss:\\d+kB, shmem-rss:\\d+kB",
        };
        String zone = "Node 0 (DMA|DMA32|Normal) free:\\d+kB boost:\\d+kB min:\\d+kB low:\\d+kB high:\\d+kB "
                + "reserved_highatomic:\\d+KB free_highatomic:\\d+KB active_anon:\\d+kB inactive_anon:\\d+kB "
                + "active_file:\\d+kB inactive_file:\\d+kB unevictable:\\d+kB writepending:\\d+kB zspages:\\d+kB "
                + "present:\\d+kB managed:\\d+kB mlocked:\\d+kB bounce:\\d+kB free_pcp:\\d+kB local_pcp:\\d+kB free_cma:\\d+kB";
        String buddy = "Node 0 (DMA|DMA32|Normal): (\\d+\\*\\d+kB (\\([UMEHCI]+\\) )?){11}= \\d+kB";
        String row = "\\[ *\\d+\\] +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +-?\\d+ \\S+";
        String frame = " [\\w.]+\\+0x[0-9a-f]+/0x[0-9a-f]+";
        int at = 0;
        for (String pattern : expected) {
            if (pattern.equals("(ZONE)")) {
                int zones = 0;
                while (lines.get(at).matches(TIME + zone)) {
                    assertTrue(lines.get(at + 1).matches(TIME + "lowmem_reserve\\[\\]:( \\d+)+"), lines.get(at + 1));
                    at += 2;
                    zones++;
                }
                assertEquals(2, zones, "DMA and DMA32 on 128 MiB: " + lines.get(at));
                continue;
            }
            if (pattern.equals("(BUDDY)") || pattern.equals("(ROWS)") || pattern.equals("(FRAMES)")) {
                String each = pattern.equals("(BUDDY)") ? buddy : pattern.equals("(ROWS)") ? row : frame;
                int start = at;
                while (lines.get(at).matches(TIME + each)) {
                    at++;
                }
                assertTrue(at > start, "expected " + each + ", found " + lines.get(at));
                continue;
            }
            assertTrue(lines.get(at).matches(TIME + pattern), "line " + at + ": expected " + pattern + ", found " + lines.get(at));
            at++;
        }
    }

    /**
     * The stack dump of the report against a real one: a memory-cgroup OOM on the project's 6.18.44 x86-64 machine
     * ({@code echo 33554432 > /sys/fs/cgroup/memory/oomt/memory.limit_in_bytes}, a C program that mallocs and touches
     * 100 MiB started in that group, then {@code dmesg}) printed these lines; a global OOM shares its header and the
     * frames from dump_stack_lvl to out_of_memory and from __handle_mm_fault out, with the same offsets.
     */
    @Test
    void theStackDumpHasTheRealHeaderAndTheFaultsFrames() {
        List<String> lines = pressure().text().lines().filter(l -> l.startsWith("["))
                .map(l -> l.substring(l.indexOf(']') + 2)).toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("CPU: ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).matches("CPU: 0 UID: 0 PID: \\d+ Comm: hog Not tainted 6\\.18\\.\\S+ #1 PREEMPT\\(\\w+\\) "),
                "as the real 'CPU: 0 UID: 0 PID: 9695 Comm: hog Not tainted 6.18.44-fc-v1300 #1 PREEMPT(none) ': "
                        + lines.get(header));
        List<String> trace = lines.subList(header + 2, lines.indexOf(" </TASK>") + 1);
        List<String> real = List.of("Call Trace:", " <TASK>", " dump_stack_lvl+0x59/0x90", " dump_header+0x43/0x1c0",
                " oom_kill_process.cold+0x8/0x8a", " out_of_memory+0xf3/0x340");
        assertEquals(real, trace.subList(0, real.size()));
        assertEquals(List.of(" __handle_mm_fault+0xa6c/0xfb0", " handle_mm_fault+0xd3/0x340", " exc_page_fault+0x176/0x770",
                " asm_exc_page_fault+0x22/0x30", " </TASK>"), trace.subList(trace.size() - 5, trace.size()));
        assertTrue(trace.contains(" __alloc_pages_may_oom+0x10c/0x220") && trace.contains(" do_anonymous_page+0x1e8/0xaa0"),
                "a page fault's allocation, through the page allocator's slow path: " + trace);
    }

    @Test
    void kernelLinesFollowTheLineThatCausedThemAndDmesgRepeatsThem() {
        List<String> lines = pressureLines(80, "tick 2s");
        lines.add("dmesg");
        ScenarioResult result = scenarios.run(lines.toArray(String[]::new));
        String touched = printedBy(result, 19);
        // After the 2 s ticks and the reads major faults waited for in the disk's queue (ms, not seconds).
        assertTrue(touched.matches("(?s)\\[    3\\.\\d{6}\\] hog invoked oom-killer: .*"), touched);
        assertTrue(touched.endsWith("] oom_reaper: reaped process 41 (hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n"
                + "hog: Killed\n"), touched);
        String kernel = touched.substring(0, touched.indexOf("hog: Killed"));
        assertEquals(kernel, printedBy(result, 21), "dmesg prints the log so far");
        assertEquals("", scenarios.run("machine ram=128M swap=0", "dmesg").text(), "nothing is logged at boot yet");
    }

    @Test
    void procShowsOomScoreAndOomScoreAdj() {
        ScenarioResult result = scenarios.run("machine ram=64M swap=0", "image a text=64K", "spawn a image=a", "a malloc m 8M",
                "a touch m", "a oom_score_adj 300", "cat /proc/a/oom_score", "cat /proc/a/oom_score_adj", "cat /proc/1/oom_score",
                "a oom_score_adj -1000", "cat /proc/a/oom_score", "cat /proc/a/status", "cat /proc/meminfo");
        String status = printedBy(result, 12);
        long rss = figure(status, "VmRSS") / 4;
        long pte = figure(status, "VmPTE") * 1024 / 4096;
        long total = figure(printedBy(result, 13), "MemTotal") / 4;
        long badness = rss + pte + 300 * (total / 1000);
        assertEquals((1000 + badness * 1000 / total) * 2 / 3 + "\n", printedBy(result, 7));
        assertEquals("300\n", printedBy(result, 8));
        assertEquals("0\n", printedBy(result, 9), "init");
        assertEquals("0\n", printedBy(result, 11), "-1000");
        assertEquals("oom.mms:3: oom_score_adj 1001; expected an integer from -1000 to 1000",
                assertThrows(ScenarioException.class, () -> scenarios.run("machine ram=64M", "spawn a", "a oom_score_adj 1001")).getMessage());
    }


    /**
     * The report names a task as the scenario did, whatever its image: the invoker, the task table and the kill. The
     * worker touches 108 MiB of the machine's 109 (100 would fit: the slow path drains the per-CPU lists after
     * reclaim's progress, as __alloc_pages_direct_reclaim() does).
     */
    @Test
    void theReportNamesTheTasksAsTheScenarioDid() {
        ScenarioResult result = scenarios.run("machine ram=128M swap=0", "spawn web image=server",
                "spawn memory-hungry-worker", "memory-hungry-worker malloc m 108M", "memory-hungry-worker touch m");
        assertEquals(List.of("memory-hungry-w"), killed(result));
        String text = result.text();
        assertTrue(text.contains("] memory-hungry-w invoked oom-killer: "), text);
        List<String> names = new ArrayList<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            names.add(row.group(12));
        }
        assertEquals(List.of("web", "memory-hungry-w"), names, "dump_tasks() skips init");
        assertTrue(text.contains("\nmemory-hungry-worker: Killed\n"), "the shell says it by the scenario's name");
    }

    /**
     * A fork bomb's worth of OOM kills within five seconds: {@code oom_kill_process()}'s {@code oom_rs} lets ten
     * reports through (mm/oom_kill.c, lib/ratelimit.c); every kill still has its {@code Killed process} line, and the
     * first report after the interval says how many were suppressed.
     */
    @Test
    void repeatedReportsAreRateLimitedAsPrintkLimitsThem() {
        List<String> lines = new ArrayList<>(List.of("machine ram=64M swap=0", "image p text=64K", "spawn parent image=p"));
        for (int i = 0; i < 15; i++) {
            lines.addAll(List.of("parent fork c" + i, "c" + i + " malloc m 40M", "c" + i + " touch m"));
        }
        ScenarioResult burst = scenarios.run(lines);
        int kills = (int) burst.machine().vmstat().get(VmItem.OOM_KILL);
        assertTrue(kills > 11, burst.text());
        assertEquals(kills, killed(burst).size(), "every kill has its line");
        assertEquals(10, count(burst.text(), "invoked oom-killer"), burst.text());
        assertEquals(10, count(burst.text(), "] oom-kill:constraint="), burst.text());
        assertFalse(burst.text().contains("callbacks suppressed"), "said only when the next interval opens");

        lines.addAll(List.of("tick 6s", "parent fork late", "late malloc m 40M", "late touch m"));
        String text = scenarios.run(lines).text();
        int suppressed = text.indexOf("] oom_kill_process: " + (kills - 10) + " callbacks suppressed\n");
        assertTrue(suppressed > 0, text);
        assertEquals(11, count(text, "invoked oom-killer"), text);
        assertTrue(suppressed < text.lastIndexOf("invoked oom-killer"), "before the report it lets through");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
