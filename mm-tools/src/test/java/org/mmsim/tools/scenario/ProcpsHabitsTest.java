package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ps's selections and formats, top's, free's repeats and vmstat's wide layout on a scenario's machine: a program
 * locked in memory and sweeping it on one of two CPUs for 5 s, beside an idle one.
 */
class ProcpsHabitsTest {
    /** The machine's lines, then what each test looks at, from line 8 on. */
    private static final List<String> LINES = List.of("machine ram=1G cpus=2", "spawn web image=server", "spawn big",
            "big malloc x 300M", "big mlock x", "big loop x", "tick 5s",
            "ps u -p web,big", "ps u", "ps", "ps ax",
            "ps -ef", "ps aux", "ps -e -p 1", "ps x -p 1",
            "ps -o pid,ppid,stat,ni,c,etime,time,args -p 1,web,big,15,35",
            "top -b -n 1 -p web,big -o +RES", "top -b -n 1 -u 1000", "top -bn1 -u root -o -PID",
            "vmstat -w 1 2");
    private static ScenarioResult busy;
    private final ScenarioHarness scenarios = new ScenarioHarness("h.mms");

    @BeforeAll
    static void run() {
        busy = new ScenarioHarness("h.mms").run(LINES);
    }

    /** What {@code line} of {@link #LINES} printed. */
    private static String printed(String line) {
        return printedBy(busy, LINES.indexOf(line) + 1);
    }

    /*
     * The programs' RSS is what their start left (ElfLoader's rules; ProgramStartTest derives hello's) and what they
     * wrote. web, the server image, 8256 kB: file pages 7024 (its headers 684, half its 8 MiB text in 64 KiB windows
     * 4096, libstdc++ 352 + 516, libm 144 + 208, libc 164 + 664, ld.so 196) and anonymous 1232 (its RELRO 64, data
     * 512 and half its 1 MiB bss 512; libc 16 + 8 + 24, libm 4 + 4, libstdc++ 44 + 12 + 4, ld.so 8 + 8, stack 12).
     * big, hello's 1140 kB and 300 MiB with malloc's header page (307204 kB): 308344 kB. init, the sh image, 1168 kB:
     * file pages 1076 (headers 16, the 32 KiB of its text in the first window, ld.so 196, libc 164 + 668) and anonymous
     * 92 (its RELRO 8, data 4 and a page of bss, libc 48, ld.so 16, stack 12).
     */
    /**
     * {@code ps u} of two programs: big has run all its life (100, a whole number past 99.9), holds locked pages (L),
     * leads its session (s) and runs (R); its RSS is a digit wider than the column, which TTY's padding gives back.
     */
    @Test
    void psUserFormatOfTheProgramsByName() {
        assertEquals(String.join("\n",
                "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
                "root        38  0.0  0.8  17192  8256 ?        Ss   00:00   0:00 web",
                "root        39  100 30.9 309560 308344 ?       RLs  00:00   0:05 big", ""), printed("ps u -p web,big"));
        assertEquals("USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n", printed("ps u"),
                "u without x: only tasks with a terminal, and none has one");
        List<String> plain = printed("ps").lines().toList();
        assertEquals(List.of("  PID TTY          TIME CMD", "    1 ?        00:00:00 init",
                "    2 ?        00:00:00 kthreadd"), plain.subList(0, 3), "ps: every task, none having a terminal");
        assertEquals("   39 ?        00:00:05 big", plain.get(plain.size() - 1));
        List<String> ax = printed("ps ax").lines().toList();
        assertEquals(List.of("  PID TTY      STAT   TIME COMMAND", "    1 ?        Ss     0:00 init",
                "    2 ?        S      0:00 [kthreadd]", "    3 ?        S      0:00 [pool_workqueue_release]",
                "    4 ?        I<     0:00 [kworker/R-rcu_gp]"), ax.subList(0, 5));
        assertEquals(40, ax.size(), "init, 36 kernel threads, two programs");
    }

    /** {@code ps -ef} and {@code ps aux}: every task, a kernel thread's name in brackets. */
    @Test
    void psEveryTaskInBothStyles() {
        List<String> ef = printed("ps -ef").lines().toList();
        assertEquals(List.of("UID        PID  PPID  C STIME TTY          TIME CMD",
                "root         1     0  0 00:00 ?        00:00:00 init",
                "root         2     0  0 00:00 ?        00:00:00 [kthreadd]"), ef.subList(0, 3));
        assertEquals(List.of("root        38     1  0 00:00 ?        00:00:00 web",
                "root        39     1 99 00:00 ?        00:00:05 big"), ef.subList(38, 40));
        List<String> aux = printed("ps aux").lines().toList();
        assertEquals(List.of("root        15  0.0  0.0      0     0 ?        S    00:00   0:00 [migration/0]",
                "root        35  0.0  0.0      0     0 ?        S    00:00   0:00 [watchdogd]",
                "root        39  100 30.9 309560 308344 ?       RLs  00:00   0:05 big"),
                List.of(aux.get(15), aux.get(35), aux.get(39)));
        assertEquals(40, printed("ps -e -p 1").lines().count(), "-e and -p add up: every task");
        assertEquals(40, printed("ps x -p 1").lines().count(), "x: every task of root's");
    }

    @Test
    void psFieldsOfTasksByPidAndName() {
        assertEquals(String.join("\n",
                "  PID  PPID STAT  NI  C     ELAPSED     TIME COMMAND",
                "    1     0 Ss     0  0       00:05 00:00:00 init",
                "   15     2 S      -  0       00:05 00:00:00 [migration/0]",
                "   35     2 S      -  0       00:05 00:00:00 [watchdogd]",
                "   38     1 Ss     0  0       00:05 00:00:00 web",
                "   39     1 RLs    0 99       00:05 00:00:05 big", ""),
                printed("ps -o pid,ppid,stat,ni,c,etime,time,args -p 1,web,big,15,35"));
    }

    @Test
    void psRefusesWhatProcpsRefuses() {
        assertEquals("h.mms:1: 'ps -f u': conflicting format options; expected one of -f, -o and u",
                scenarios.error("ps -f u"));
        assertEquals("h.mms:1: BSD option 'q' in 'auq'; expected a, u or x (ps aux)", scenarios.error("ps auq"));
        assertEquals("h.mms:1: '-p 1,'; expected -p PID,... (pids or NAMEs)", scenarios.error("ps -p 1,"));
        assertEquals("h.mms:1: no process named 'nobody'; expected a NAME from spawn or fork",
                scenarios.error("ps -p nobody"));
    }

    /**
     * {@code top -p}: only those tasks are read (Tasks: 2 total); {@code -o +RES} sorts by RES, highest first. Memory as
     * {@link #vmstatWideAndItsCount} has it: MemFree 672936 kB = 657.2 MiB of MemTotal 997948 kB = 974.6 MiB;
     * MemAvailable moves with MemFree (less the reserves' share of the smaller total), 594.2 MiB, and used is total
     * less available, 380.4 MiB. SHR is RssFile: big's 1056 kB of hello, web's 7024 kB (see above).
     */
    @Test
    void topOfSomeTasksSortedByAField() {
        assertEquals(String.join("\n",
                "top - 00:00:05 up 0 min,  0 user,  load average: 0.08, 0.02, 0.01",
                "Tasks:   2 total,   1 running,   1 sleeping,   0 stopped,   0 zombie",
                "%Cpu(s): 50.0 us,  0.0 sy,  0.0 ni, 50.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ",
                "MiB Mem :    973.1 total,    634.1 free,    398.8 used,     19.7 buff/cache     ",
                "MiB Swap:   1024.0 total,   1024.0 free,      0.0 used.    574.2 avail Mem ",
                "",
                "  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND",
                "   39 root      20   0  309560 308344   1056 R 100.0  30.9   0:05.15 big",
                "   38 root      20   0   17192   8256   7024 S   0.0   0.8   0:00.00 web", ""),
                printed("top -b -n 1 -p web,big -o +RES"));
        List<String> nobody = printed("top -b -n 1 -u 1000").lines().toList();
        assertTrue(nobody.get(1).startsWith("Tasks:  39 total,"), "-u counts every task: " + nobody.get(1));
        assertEquals(7, nobody.size(), "and lists none of user 1000's");
        List<String> root = printed("top -bn1 -u root -o -PID").lines().toList();
        assertEquals(List.of("    1 root      20   0    2440   1168   1076 S   0.0   0.1   0:00.00 init",
                "    2 root      20   0       0      0      0 S   0.0   0.0   0:00.00 kthreadd"), root.subList(7, 9));
        assertEquals("   35 root     -51   0       0      0      0 S   0.0   0.0   0:00.00 watchdogd", root.get(41),
                "watchdogd runs at real-time priority 50");
    }

    @Test
    void topRefusesWhatTopRefuses() {
        assertEquals("h.mms:1: 'top -b -n 1 -p 1 -u root': conflicting process selections; expected -p or -u, not both",
                scenarios.error("top -b -n 1 -p 1 -u root"));
        assertEquals("h.mms:1: invalid user 'nobody'; expected root (the machine's one user) or a uid",
                scenarios.error("top -b -n 1 -u nobody"));
        assertEquals("h.mms:1: top -b would run until interrupted (Ctrl-C in ./mm shell); expected -n N, such as top -b "
                + "-n 1", scenarios.error("top -b"));
    }

    /**
     * {@code free -s 0.5 -c 2}: two reports half a second of simulated time apart, a blank line between. A booted
     * 1 GiB machine: half of the boot's slab objects (6396 kB of them reclaimable, in buff/cache as procps counts it)
     * and vmalloc'd areas, and init's page cache.
     */
    @Test
    void freeRepeats() {
        ScenarioResult result = scenarios.run("machine ram=1G", "free -s 0.5 -c 2", "cat /proc/uptime", "free -c 2 -m");
        String report = String.join("\n",
                "               total        used        free      shared  buff/cache   available",
                "Mem:          996412       93284      970372           0        8316      903128",
                "Swap:        1048572           0     1048572", "");
        assertEquals(report + "\n" + report, printedBy(result, 2));
        assertTrue(printedBy(result, 3).startsWith("0.52 "), "the boot took 0.02 s: " + printedBy(result, 3));
        assertEquals(7, printedBy(result, 4).lines().count(), "-c alone: every second");
        assertEquals("h.mms:1: free -s 1 would run until interrupted (Ctrl-C in ./mm shell); expected -c COUNT, such "
                + "as free -s 1 -c 5", scenarios.error("free -s 1"));
        assertEquals("h.mms:1: free -s '0' is not a positive number; expected " + ViewVerbs.FREE_USAGE,
                scenarios.error("free -s 0"));
    }

    /**
     * {@code vmstat -w}: the wide header and columns, gu last; vmstat without a count needs one in a scenario. Free is
     * 240 kB more than with a 9920-byte task_struct: 39 tasks take ceil(39 / 5) = 8 order-3 task_struct slabs (not
     * ceil(39 / 3) = 13) and the 3 mm_structs one order-3 slab (not order 2): 36 slab pages fewer. And the per-CPU
     * lists hold 24 pages fewer: each empty order-n list takes max(batch 63 >> n, 2) blocks, so the 9 order-3
     * slabs pull 2 x 7 blocks and leave 5 (40 pages) where 13 left 1 (8 pages) and the one order-2 mm_struct slab
     * left 14 blocks (56 pages): 36 + 24 = 60 pages. And 456 kB less, the 2 CPUs' per-CPU first chunk (2 x 57 pages)
     * that memblock keeps out of MemTotal: 686760 + 240 - 456 = 686544 kB. Then the programs' images in the page
     * cache: exec's faults read 13788 kB from disk (pgpgin; each first fault reads the 128 KiB read-around window, so
     * more than is mapped), which is cache 13768 + buff 40 less the 20 kB cached before; and their starts' anonymous
     * pages, 768 kB more than when a start wrote only its data pages, with 32 kB more page tables and 80 kB more on
     * the per-CPU lists: 686544 - (13768 - 1040) - 768 - 32 - 80 = 672936 kB. bi, pgpgin over the 11.18 s since
     * boot (the starts' reads waited for the disk), is 1233 blocks a second; those waits are the 1% wa.
     */
    @Test
    void vmstatWideAndItsCount() {
        assertEquals(String.join("\n",
                "--procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- "
                        + "----------cpu----------",
                "   r    b         swpd         free         buff        cache   si   so    bi    bo   in   cs  us  sy"
                        + "  id  wa  st  gu",
                "   1    0            0       649324           40        20128    0    0  1233     0  136    0  49   0"
                        + "  50   1   0   0",
                "   1    0            0       649324           40        20128    0    0     0     0  250    0  50   0"
                        + "  50   0   0   0", ""), printed("vmstat -w 1 2"));
        assertEquals("h.mms:1: vmstat 1 would run until interrupted (Ctrl-C in ./mm shell); expected DELAY COUNT, such "
                + "as vmstat 1 5", scenarios.error("vmstat 1"));
    }

    /** Past a screenful (21 lines on a pipe) vmstat prints its header again, unless {@code -n}. */
    @Test
    void vmstatRepeatsItsHeader() {
        ScenarioResult result = scenarios.run("machine ram=1G", "vmstat 1 23", "vmstat -n 1 23");
        List<String> lines = printedBy(result, 2).lines().toList();
        assertEquals(27, lines.size());
        assertEquals(lines.subList(0, 2), lines.subList(23, 25), "after 21 lines of figures");
        assertEquals(25, printedBy(result, 3).lines().count());
    }

    /** examples/procps.mms: its names, in ps -o's block as in every view. */
    @Test
    void theExampleShowsTheNamesAndTheLayouts() throws java.io.IOException {
        java.nio.file.Path example = java.nio.file.Path.of("../examples/procps.mms");
        String text = new ScenarioHarness(example.toString()).run(java.nio.file.Files.readAllLines(example)).text();
        assertTrue(text.contains(String.join("\n",
                "  PID  PPID STAT  NI     ELAPSED     TIME   RSS COMMAND",
                "    1     0 Ss     0       00:10 00:00:00  1168 init",
                "   38     1 Ss     0       00:10 00:00:00  8256 web",
                "   39     1 RLs    0       00:10 00:00:10 308344 db", "")), text);
        assertTrue(text.contains("\nroot        39     1 99 00:00 ?        00:00:10 db\n"), "ps -ef");
        assertTrue(text.contains("\n   39 root      20   0  309560 308344   1056 R 100.0  30.9   0:10.15 db\n"), "top");
    }
}
