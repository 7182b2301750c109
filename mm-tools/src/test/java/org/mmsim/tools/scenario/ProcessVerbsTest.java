package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.figure;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.VmaInfo;

/**
 * The process verbs through whole scenarios: what each does to the process as /proc and pmap show it, and how each
 * refuses bad input with one {@code FILE:LINE: found; expected} error.
 */
class ProcessVerbsTest {
    private static final long K = 1024;
    private final ScenarioHarness scenarios = new ScenarioHarness("p.mms");

    /** A report line's max RSS and vm size. */
    private static long[] report(String text) {
        Matcher m = Pattern.compile("(\\S+): max RSS = (\\d+) kB; vm size = (\\d+) kB\n").matcher(text);
        assertTrue(m.matches(), "LABEL: max RSS = N kB; vm size = N kB: " + text);
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    /** The smaps block of the VMA starting at {@code start}. */
    private static String smapsBlock(String smaps, long start) {
        int at = smaps.indexOf(String.format("%08x-", start));
        assertTrue(at >= 0, "no VMA at " + Long.toHexString(start));
        int next = smaps.indexOf("\nVmFlags:", at);
        return smaps.substring(at, smaps.indexOf('\n', next + 1) + 1);
    }

    /** The one anonymous VMA of {@code bytes} in the process. */
    private static VmaInfo anonymousVma(ScenarioResult result, int pid, long bytes) {
        List<VmaInfo> found = result.machine().processes().vmas(pid).stream()
                .filter(v -> v.size() == bytes && v.name().isEmpty() && v.inode() == 0).toList();
        assertEquals(1, found.size(), "one anonymous VMA of " + bytes + " bytes: " + found);
        return found.get(0);
    }

    // ---- happy paths

    @Test
    void spawnStartsTheImageAsAChildOfInit() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn a image=sh", "cat /proc/a/status", "cat /proc/a/maps");
        String status = printedBy(result, 3);
        assertTrue(status.startsWith("Name:\ta\n"), "the name it was spawned as: " + status);
        assertEquals(1, figure(status, "PPid"), "spawn is init's fork and exec");
        assertTrue(printedBy(result, 4).contains(" " + ProgramImages.builtIn("sh").path() + "\n"), printedBy(result, 4));
    }

    /**
     * kernel.pid_max and kernel.threads-max in /proc/sys: 32768 on a machine of up to 32 CPUs (pid_idr_init()), and an
     * eighth of RAM in 16 KiB kernel stacks (set_max_threads(): totalram_pages() * 4096 / (16 KiB * 8)). A fork past
     * threads-max fails with EAGAIN as the shell's fork does, and the scenario goes on.
     */
    @Test
    void theTaskLimitsAreSysctlsThatForkObeys() {
        ScenarioResult result = scenarios.run("machine ram=256M", "sysctl kernel.pid_max", "cat /proc/sys/kernel/threads-max",
                "spawn a", "sysctl kernel.threads-max=2", "spawn b", "a fork c", "echo still here");
        assertEquals("kernel.pid_max = 32768\n", printedBy(result, 2));
        long totalRam = result.machine().physicalMemory().totalRamPages();
        assertEquals(totalRam * 4096 / (16 * 1024 * 8) + "\n", printedBy(result, 3));
        int tasks = result.machine().processes().limits().threads();
        assertEquals("spawn b: " + tasks + " tasks, kernel.threads-max 2 (EAGAIN)\n", printedBy(result, 6));
        assertEquals("a: fork: " + tasks + " tasks, kernel.threads-max 2 (EAGAIN)\n", printedBy(result, 7));
        assertEquals("still here\n", printedBy(result, 8));
        assertEquals("p.mms:1: pid_max 300; expected 301 to 4194304", scenarios.error("sysctl kernel.pid_max=300"));
        assertEquals("p.mms:1: threads-max 0; expected 1 to 1073741823", scenarios.error("sysctl kernel.threads-max=0"));
    }

    @Test
    void anImageLineDescribesAProgramToSpawn() {
        ScenarioResult result = scenarios.run("machine ram=64M", "image big text=1M rodata=8K data=64K bss=1M", "spawn b image=big",
                "cat /proc/b/status", "cat /proc/b/maps");
        assertEquals(1024, figure(printedBy(result, 4), "VmExe"), "its text");
        String maps = printedBy(result, 5);
        assertTrue(maps.contains(" r-xp ") && maps.contains(" /usr/local/bin/big\n"), maps);
    }

    @Test
    void mallocOfASmallSizeGrowsTheHeapAndFreeOfALargeOneUnmapsIt() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog report start", "prog malloc small 100",
                "prog report small", "cat /proc/prog/maps", "prog malloc big 1M", "prog report big", "prog free big",
                "prog report freed");
        long[] start = report(printedBy(result, 3));
        long[] small = report(printedBy(result, 5));
        assertTrue(printedBy(result, 6).contains("[heap]\n"), "brk made the heap: " + printedBy(result, 6));
        assertTrue(small[1] > start[1], "the heap is mapped");
        assertEquals(start[0], small[0], "and not touched");
        long[] big = report(printedBy(result, 8));
        assertEquals(1028, big[1] - small[1], "1 MiB and the chunk header: a mapping of its own, in whole pages");
        assertEquals(small[1], report(printedBy(result, 10))[1], "free of an mmapped chunk unmaps it");
    }

    @Test
    void touchAccessesOneByteAStrideAndTheLastByte() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap m 1M", "prog mmap s 64K", "cat /proc/prog/status",
                "prog touch m write offset=64K length=64K", "cat /proc/prog/status", "prog touch s write stride=8K",
                "cat /proc/prog/status");
        long before = figure(printedBy(result, 5), "VmRSS");
        long ranged = figure(printedBy(result, 7), "VmRSS");
        assertEquals(64, ranged - before, "offset and length: 16 pages");
        assertEquals(9 * 4, figure(printedBy(result, 9), "VmRSS") - ranged, "every other page, and the last byte's: 9 of 16");
    }

    @Test
    void readingUntouchedAnonymousMemoryMapsTheZeroPageWhichIsNotResident() {
        ScenarioResult before = scenarios.run("machine ram=64M", "spawn prog", "prog mmap r 64K");
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap r 64K", "prog touch r read");
        int pid = result.machine().processes().pidOf("prog").orElseThrow();
        assertEquals(0, anonymousVma(result, pid, 64 * K).smaps().rss(), "the shared zero page is not RSS");
        assertEquals(16, result.machine().processes().task(pid).minFlt() - before.machine().processes().task(pid).minFlt(),
                "a minor fault for each page read");
    }

    @Test
    void mmapMapsAnonymousFileAndPopulatedMemory() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap a 64K populate",
                "prog mmap f 8K file=/usr/lib/x86_64-linux-gnu/libc.so.6 shared prot=r", "prog touch f read", "cat /proc/prog/maps",
                "pmap -x prog", "cat /proc/prog/status");
        int pid = result.machine().processes().pidOf("prog").orElseThrow();
        assertEquals(64 * K, anonymousVma(result, pid, 64 * K).smaps().rss(), "MAP_POPULATE faults every page in at once");
        assertTrue(printedBy(result, 6).contains(" r--s 00000000 fe:00 "), printedBy(result, 6));
        assertTrue(printedBy(result, 7).contains("       8       8       0 r--s- libc.so.6\n"), printedBy(result, 7));
        assertTrue(figure(printedBy(result, 8), "RssFile") >= 8, "the file's pages are resident and the process's");
    }

    @Test
    void mremapAndBrkResizeTheMappingAndTheHeap() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap m 64K", "prog report before", "prog mremap m 1M",
                "prog report after", "prog brk 1M", "cat /proc/prog/maps");
        assertEquals(960, report(printedBy(result, 6))[1] - report(printedBy(result, 4))[1], "grown by 960 kB");
        Matcher heap = Pattern.compile("(?m)^([0-9a-f]+)-([0-9a-f]+) rw-p 00000000 00:00 0 +\\[heap\\]$").matcher(printedBy(result, 8));
        assertTrue(heap.find(), printedBy(result, 8));
        assertEquals(1 << 20, Long.parseLong(heap.group(2), 16) - Long.parseLong(heap.group(1), 16), "brk to its start + 1M");
    }

    @Test
    void execReplacesTheAddressSpaceAndSwitchRunsAProcessOnACpu() {
        ScenarioResult result = scenarios.run("machine ram=64M cpus=2", "spawn prog", "prog malloc m 1M", "switch 1 prog", "prog touch m",
                "prog exec sh", "cat /proc/prog/status", "prog touch m");
        assertTrue(printedBy(result, 7).startsWith("Name:\tsh\n"));
        assertTrue(printedBy(result, 8).matches("prog: Segmentation fault \\(SIGSEGV at 0x[0-9a-f]+\\)\n"),
                "the old program's memory is gone: " + printedBy(result, 8));
    }

    @Test
    void forkSharesEveryPageUntilTheChildWritesItsOwnCopy() {
        String[] upToFork = {"machine ram=64M", "spawn parent", "parent mmap buf 64K", "parent touch buf write",
            "parent fork child", "cat /proc/child/status", "cat /proc/child/smaps"};
        ScenarioResult forked = scenarios.run(upToFork);
        String[] script = java.util.stream.Stream.concat(java.util.Arrays.stream(upToFork),
                java.util.stream.Stream.of("child touch buf write", "cat /proc/child/smaps", "cat /proc/parent/smaps")).toArray(String[]::new);
        ScenarioResult result = scenarios.run(script);
        Processes processes = result.machine().processes();
        int parent = processes.pidOf("parent").orElseThrow();
        int child = (int) figure(printedBy(result, 6), "Pid");
        assertEquals(parent, figure(printedBy(result, 6), "PPid"));
        long buf = anonymousVma(result, parent, 64 * K).start();

        String shared = smapsBlock(printedBy(result, 7), buf);
        assertEquals(64, figure(shared, "Shared_Dirty"), "after fork both map every page:\n" + shared);
        assertEquals(0, figure(shared, "Private_Dirty"));
        assertEquals(32, figure(shared, "Pss"), "each counts half of each page");

        String childAfter = smapsBlock(printedBy(result, 9), buf);
        String parentAfter = smapsBlock(printedBy(result, 10), buf);
        assertEquals(64, figure(childAfter, "Private_Dirty"), "the child wrote its own copies:\n" + childAfter);
        assertEquals(0, figure(childAfter, "Shared_Dirty"));
        assertEquals(64, figure(parentAfter, "Private_Dirty"), "the parent's pages are its own again:\n" + parentAfter);
        assertEquals(64, figure(parentAfter, "Pss"));

        for (long page = buf; page < buf + 64 * K; page += 4 * K) {
            long before = forked.machine().processes().read(parent, page);
            assertEquals(before, processes.read(parent, page), "the child's write left the parent's content");
            assertNotEquals(before, processes.read(child, page), "the child reads what it wrote");
        }
    }

    @Test
    void exitReturnsTheProcesssMemory() {
        // compact drains the per-CPU lists, whose pages MemFree does not count, so MemFree is comparable.
        ScenarioResult result = scenarios.run("machine ram=256M", "spawn prog", "compact", "cat /proc/meminfo", "cat /proc/prog/status",
                "prog malloc big 40M", "prog touch big write", "cat /proc/meminfo", "prog exit", "compact", "cat /proc/meminfo");
        long before = figure(printedBy(result, 4), "MemFree");
        long touched = figure(printedBy(result, 8), "MemFree");
        long after = figure(printedBy(result, 11), "MemFree");
        assertTrue(before - touched >= 40 * K, "40 MiB resident: " + before + " -> " + touched);
        String status = printedBy(result, 5);
        long kernelStack = figure(printedBy(result, 4), "KernelStack") - figure(printedBy(result, 11), "KernelStack");
        assertEquals(16, kernelStack, "x86-64's THREAD_SIZE");
        // A slab page the process's objects took (a VMA of malloc's, an anon_vma) stays with its cache, empty slabs
        // being kept up to min_partial: it is not returned.
        long slab = figure(printedBy(result, 11), "Slab") - figure(printedBy(result, 4), "Slab");
        assertEquals(before + figure(status, "RssAnon") + figure(status, "VmPTE") + kernelStack - slab, after,
                "every anonymous page it had, its page tables and its kernel stack are free again (its program's "
                        + "file pages stay in the page cache)");
        assertEquals("p.mms:12: no process named 'prog'; expected a NAME from spawn or fork",
                scenarios.error("machine ram=256M", "spawn prog", "compact", "cat /proc/meminfo", "cat /proc/prog/status",
                        "prog malloc big 40M", "prog touch big write", "cat /proc/meminfo", "prog exit", "compact",
                        "cat /proc/meminfo", "prog report gone"));
    }

    @Test
    void touchAfterMunmapIsASegmentationFaultThatKillsTheProcess() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap m 64K", "prog touch m write", "prog munmap m",
                "prog touch m read", "cat /proc/meminfo");
        String segv = printedBy(result, 6);
        Matcher m = Pattern.compile("prog: Segmentation fault \\(SIGSEGV at 0x([0-9a-f]+)\\)\n").matcher(segv);
        assertTrue(m.matches(), segv);
        assertTrue(result.machine().processes().pidOf("prog").isEmpty(), "the process is gone");
        assertEquals("p.mms:6: no process named 'prog'; expected a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "spawn prog", "prog mmap m 64K", "prog munmap m", "prog touch m", "prog report x"));
    }

    @Test
    void aWriteAfterMprotectReadOnlyIsASegmentationFaultAndAReadIsNot() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap m 64K", "prog touch m write",
                "prog mprotect m prot=r", "prog touch m read", "prog report ok", "prog touch m write offset=8K");
        assertEquals("", printedBy(result, 6), "reading is allowed");
        report(printedBy(result, 7));
        assertTrue(printedBy(result, 8).matches("prog: Segmentation fault \\(SIGSEGV at 0x[0-9a-f]+000\\)\n"), printedBy(result, 8));
        assertTrue(result.machine().processes().pidOf("prog").isEmpty());
    }

    @Test
    void aFailingSystemCallPrintsAsPerrorAndTheScenarioGoesOn() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap f 8K file=/data/f prot=rw shared",
                "prog malloc huge 1T", "prog report still");
        assertEquals("prog: mmap f: mmap: no file /data/f (ENOENT)\n", printedBy(result, 3), "no such file");
        assertTrue(printedBy(result, 4).startsWith("prog: malloc huge: ") && printedBy(result, 4).endsWith("(ENOMEM)\n"),
                printedBy(result, 4));
        report(printedBy(result, 5));
    }

    /**
     * A 1 MiB mapping of a 6000-byte file: the file's two pages read (the rest of the second as zeroes), the third
     * page, wholly past the end of the file, is SIGBUS ({@code filemap_fault()}), and the process ends as a C
     * program's does. Growing the file makes the page readable.
     */
    @Test
    void aPageWhollyPastTheEndOfAMappedFileIsSigbus() {
        ScenarioResult result = scenarios.run("machine ram=64M", "file create /data/f 6000", "spawn prog",
                "prog mmap f 1M file=/data/f", "prog touch f read length=8K", "prog touch f read offset=8K length=1",
                "spawn next", "next write /data/f offset=8K length=4K", "next mmap g 1M file=/data/f",
                "next touch g read length=12K");
        assertEquals("", printedBy(result, 5), "the two pages of the file");
        Matcher m = Pattern.compile("prog: Bus error \\(SIGBUS at 0x([0-9a-f]+)\\)\n").matcher(printedBy(result, 6));
        assertTrue(m.matches(), printedBy(result, 6));
        assertTrue(result.machine().processes().pidOf("prog").isEmpty(), "SIGBUS ended it");
        assertEquals("", printedBy(result, 10), "a write past the end made the page part of the file");
    }

    @Test
    void reportPrintsTheHighWaterMarkAndTheSize() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn prog", "prog mmap m 64K", "prog touch m write", "prog munmap m",
                "prog report \"after unmap\"", "cat /proc/prog/status");
        Matcher m = Pattern.compile("after unmap: max RSS = (\\d+) kB; vm size = (\\d+) kB\n").matcher(printedBy(result, 6));
        assertTrue(m.matches(), printedBy(result, 6));
        String status = printedBy(result, 7);
        assertEquals(figure(status, "VmHWM"), Long.parseLong(m.group(1)), "max RSS is VmHWM");
        assertEquals(figure(status, "VmSize"), Long.parseLong(m.group(2)), "vm size is VmSize");
        assertTrue(figure(status, "VmHWM") >= figure(status, "VmRSS") + 64, "the unmapped pages still count in the peak");
    }

    // ---- bad input

    /**
     * fs/proc/array.c with no mm: no Vm lines, no session, Kthread 1, init_fs's umask; a per-CPU thread runs on its
     * CPU only. No mm also means empty maps, smaps and cmdline, and a smaps_rollup whose read fails with ESRCH, as
     * {@code cat /proc/2/smaps_rollup} says on the real machine ("No such process").
     */
    @Test
    void aKernelThreadHasProcFilesButNoMemory() {
        ScenarioResult result = scenarios.run(List.of("machine ram=64M cpus=2", "spawn prog", "cat /proc/36/status",
                "cat /proc/18/status", "cat /proc/36/maps", "cat /proc/36/oom_score", "pmap -x 2", "cat /proc/2/smaps",
                "cat /proc/2/cmdline", "cat /proc/36/comm", "cat /proc/2/smaps_rollup", "grep -E Rss /proc/36/smaps_rollup",
                "cat /proc/2/status"));
        String kswapd = printedBy(result, 3);
        assertTrue(kswapd.startsWith("Name:\tkswapd0\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t36\n"), kswapd);
        assertTrue(kswapd.contains("\nPPid:\t2\n") && kswapd.contains("\nNSsid:\t0\nKthread:\t1\nThreads:\t1\n"), kswapd);
        assertTrue(!kswapd.contains("Vm") && kswapd.contains("\nSigIgn:\tffffffffffffffff\n"), kswapd);
        assertTrue(kswapd.contains("\nCpus_allowed_list:\t0-1\n"), kswapd);
        assertTrue(printedBy(result, 4).startsWith("Name:\tmigration/1\n") && printedBy(result, 4).contains("\nCpus_allowed:\t2\n"
                + "Cpus_allowed_list:\t1\n"), printedBy(result, 4));
        assertEquals("", printedBy(result, 5), "no mm, no maps");
        assertEquals("0\n", printedBy(result, 6));
        assertTrue(printedBy(result, 7).startsWith("2:   kthreadd\n") && printedBy(result, 7).endsWith("total kB               0       0       0\n"),
                printedBy(result, 7));
        assertEquals("", printedBy(result, 8), "no mm, no smaps");
        assertEquals("", printedBy(result, 9), "no mm, no arguments");
        assertEquals("kswapd0\n", printedBy(result, 10));
        assertEquals("cat: /proc/2/smaps_rollup: No such process\n", printedBy(result, 11));
        assertEquals("grep: /proc/36/smaps_rollup: No such process\n", printedBy(result, 12));
        assertTrue(printedBy(result, 13).startsWith("Name:\tkthreadd\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t2\n"
                + "Ngid:\t0\nPid:\t2\nPPid:\t0\n"), printedBy(result, 13));
    }

    /** init is pid 1 once the first program starts it: its /proc files are a process's, cmdline its name and a NUL. */
    @Test
    void initHasTheProcFilesOfAProcess() {
        ScenarioResult result = scenarios.run(List.of("machine ram=64M", "spawn prog", "cat /proc/1/status", "cat /proc/1/cmdline", "cat /proc/prog/cmdline", "cat /proc/1/smaps_rollup"));
        assertTrue(scenarios.run(List.of("machine ram=64M", "cat /proc/1/status")).text().startsWith("Name:\tinit\n"),
                "init runs from the end of the boot, before any program");
        String init = printedBy(result, 3);
        assertTrue(init.startsWith("Name:\tinit\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1\nNgid:\t0\nPid:\t1\n"
                + "PPid:\t0\n"), init);
        assertTrue(init.contains("\nKthread:\t0\nVmPeak:"), init);
        assertEquals("init\0\n", printedBy(result, 4), "the NUL-ended argument, then the line's end a scenario adds");
        assertEquals("prog\0\n", printedBy(result, 5));
        assertTrue(printedBy(result, 6).matches("(?s)[0-9a-f]{12}-[0-9a-f]{12} ---p 00000000 00:00 0 +\\[rollup\\]\nRss:.*"),
                printedBy(result, 6));
    }

    @Test
    void anUnknownProcessIsNamedWithItsLine() {
        assertEquals("p.mms:2: no process named 'ghost'; expected a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "ghost malloc x 4K"));
        assertEquals("p.mms:3: no process named 'ghost'; expected a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "spawn prog", "cat /proc/ghost/status"));
        assertEquals("p.mms:3: no process 99; expected the pid of a live process or a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "spawn prog", "cat /proc/99/maps"));
        assertEquals("p.mms:3: no process 99; expected the pid of a live process or a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "spawn prog", "pmap -x 99"));
        assertEquals("p.mms:3: no process named 'ghost'; expected a NAME from spawn or fork",
                scenarios.error("machine ram=64M", "spawn prog", "switch 0 ghost"));
    }

    @Test
    void aNameInUseIsRefused() {
        assertEquals("p.mms:3: process 'prog' exists (pid 38); expected a new NAME", scenarios.error("machine ram=64M", "spawn prog", "spawn prog"));
        assertEquals("p.mms:3: process 'prog' exists (pid 38); expected a new NAME", scenarios.error("machine ram=64M", "spawn prog", "prog fork prog"));
    }

    @Test
    void badSizesAreRefusedBeforeTheMachineBoots() {
        String expected = "bad size '12Q'; expected a whole number with an optional K, M, G or T suffix";
        assertEquals("p.mms:3: " + expected, scenarios.error("machine ram=64M", "spawn prog", "prog malloc x 12Q"));
        assertEquals("p.mms:3: " + expected, scenarios.error("machine ram=64M", "spawn prog", "prog mmap x 12Q"));
        assertEquals("p.mms:3: " + expected, scenarios.error("machine ram=64M", "spawn prog", "prog brk 12Q"));
        assertEquals("p.mms:3: " + expected, scenarios.error("machine ram=64M", "spawn prog", "prog touch x offset=12Q"));
        assertEquals("p.mms:3: stride 0; expected a positive size", scenarios.error("machine ram=64M", "spawn prog", "prog touch x stride=0"));
    }

    @Test
    void anUnknownOrWrongVariableIsNamed() {
        assertEquals("p.mms:3: no malloc or mmap named 'x'; expected a VAR from an earlier malloc or mmap",
                scenarios.error("machine ram=64M", "spawn prog", "prog touch x"));
        assertEquals("p.mms:3: no malloc or mmap named 'x'; expected a VAR from an earlier malloc or mmap",
                scenarios.error("machine ram=64M", "spawn prog", "prog free x"));
        assertEquals("p.mms:4: m was mapped with mmap; expected a VAR from malloc (use munmap)",
                scenarios.error("machine ram=64M", "spawn prog", "prog mmap m 4K", "prog free m"));
        assertEquals("p.mms:4: m came from malloc; expected a VAR from mmap (use free)",
                scenarios.error("machine ram=64M", "spawn prog", "prog malloc m 4K", "prog munmap m"));
        assertEquals("p.mms:4: m came from malloc; expected a VAR from mmap (use free)",
                scenarios.error("machine ram=64M", "spawn prog", "prog malloc m 4K", "prog mprotect m prot=r"));
    }

    @Test
    void badProtectionsAndOptionsAreRefused() {
        assertEquals("p.mms:3: protection 'rq'; expected letters r, w, x (or none)",
                scenarios.error("machine ram=64M", "spawn prog", "prog mmap m 4K prot=rq"));
        assertEquals("p.mms:3: protection 'z'; expected letters r, w, x (or none)",
                scenarios.error("machine ram=64M", "spawn prog", "prog mprotect m prot=z"));
        assertEquals("p.mms:3: mprotect needs prot=; expected NAME mprotect VAR prot=PROT",
                scenarios.error("machine ram=64M", "spawn prog", "prog mprotect m"));
        assertTrue(scenarios.error("machine ram=64M", "spawn prog", "prog mmap m 4K bogus").startsWith("p.mms:3: 'bogus'; expected NAME mmap VAR SIZE"));
        assertEquals("p.mms:3: access 'readwrite'; expected read, write or exec",
                scenarios.error("machine ram=64M", "spawn prog", "prog touch m readwrite"));
    }

    @Test
    void missingAndExtraWordsNameTheCommand() {
        assertEquals("p.mms:3: prog malloc needs SIZE; expected NAME malloc VAR SIZE",
                scenarios.error("machine ram=64M", "spawn prog", "prog malloc x"));
        assertEquals("p.mms:3: prog touch needs VAR; expected NAME touch VAR [read|write|exec] [offset=N] [length=N] [stride=N]",
                scenarios.error("machine ram=64M", "spawn prog", "prog touch"));
        assertEquals("p.mms:3: unexpected 'now' after prog exit; expected NAME exit", scenarios.error("machine ram=64M", "spawn prog", "prog exit now"));
        assertEquals("p.mms:2: spawn needs NAME; expected spawn NAME [image=hello|sh|server|NAME-of-an-image-line]",
                scenarios.error("machine ram=64M", "spawn"));
    }

    @Test
    void badImagesAndCpusAreRefused() {
        assertTrue(scenarios.error("machine ram=64M", "spawn prog image=nonesuch").startsWith("p.mms:2: unknown image 'nonesuch'; expected "));
        assertTrue(scenarios.error("machine ram=64M", "spawn prog", "prog exec nonesuch").startsWith("p.mms:3: unknown image 'nonesuch'; expected "));
        assertEquals("p.mms:2: unknown option 'heap' for image; expected one of text, rodata, relro, data, bss, stack", scenarios.error("machine ram=64M", "image x heap=4K"));
        assertEquals("p.mms:3: bad CPU 'x'; expected a number", scenarios.error("machine ram=64M", "spawn prog", "switch x prog"));
        assertTrue(scenarios.error("machine ram=64M cpus=2", "spawn prog", "switch 2 prog").startsWith("p.mms:3: no cpu 2; expected 0 to 1"));
    }

    /**
     * A program runs under the name the scenario gives it, as if {@code spawn web} ran a file named web (the image
     * still gives its layout, /usr/sbin/server's text here): ps, /proc/PID/comm and status, and pmap show it, cut to
     * the 15 characters TASK_COMM_LEN keeps; a fork child has its own; exec renames the task after its new program.
     */
    @Test
    void programsKeepTheNamesTheScenarioGaveThem() {
        ScenarioResult result = scenarios.run("machine ram=256M", "spawn web image=server", "spawn averyveryverylongname",
                "web fork worker", "ps -o pid,ppid,comm", "cat /proc/web/comm", "grep Name /proc/web/status",
                "pmap -x web", "cat /proc/averyveryverylongname/comm", "worker exec sh", "cat /proc/worker/comm");
        List<String> rows = List.of(printedBy(result, 5).split("\n"));
        assertEquals(List.of("   38     1 web", "   39     1 averyveryverylo", "   40    38 worker"),
                rows.subList(rows.size() - 3, rows.size()));
        assertEquals("web\n", printedBy(result, 6));
        assertEquals("Name:\tweb\n", printedBy(result, 7));
        String pmap = printedBy(result, 8);
        assertEquals("38:   web", pmap.lines().findFirst().orElseThrow());
        assertTrue(pmap.contains(" r-x-- server\n"), "the image's file is mapped: " + pmap);
        assertEquals("averyveryverylo\n", printedBy(result, 9));
        assertEquals("sh\n", printedBy(result, 11), "execve names the task after the file it runs");
    }
}
