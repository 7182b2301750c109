package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.stat.VmItem;

/**
 * A THP buffer through fork, against the figures of the real Linux 6.18 of this project's machine. They were made by
 * docs/fidelity/thp-fork.c ({@code gcc -O1 -Wall -o thp-fork docs/fidelity/thp-fork.c && ./thp-fork 4096 &&
 * ./thp-fork 2097152 && ./thp-fork munmap}, THP {@code madvise}): a 64 MiB MADV_HUGEPAGE buffer written whole, then fork; the child writes
 * the first 32 MiB, the parent 8 MiB of the half the child left, the child exits, the parent writes 8 MiB more. Each
 * step's smaps figures of the buffer (Rss, Pss, Shared_Dirty, Private_Dirty, AnonHugePages, in kB) and the THP
 * counters of /proc/vmstat are the real ones (docs/FIDELITY.md lists them side by side): a huge page left partly
 * mapped is queued for the deferred split (thp_deferred_split_page), not split (thp_split_page) until its shrinker
 * runs.
 */
class ThpForkTest {
    private static final ScenarioHarness SCENARIOS = new ScenarioHarness("thp-fork.mms");

    /** The scenario's steps up to {@code steps} of them, the writes {@code stride} apart. */
    private static ScenarioResult run(int steps, String stride) {
        List<String> lines = new ArrayList<>(List.of("spawn p", "p mmap buf 64M", "p madvise buf hugepage",
                "p touch buf write"));
        List<String> after = List.of("p fork c", "c touch buf write length=32M stride=" + stride,
                "p touch buf write offset=32M length=8M stride=" + stride, "c exit",
                "p touch buf write offset=40M length=8M stride=" + stride);
        lines.addAll(after.subList(0, steps));
        return SCENARIOS.run(lines);
    }

    /** The buffer's smaps figures in {@code comm}, in kB: Rss, Pss, Shared_Dirty, Private_Dirty, AnonHugePages. */
    private static List<Long> smaps(ScenarioResult result, String comm) {
        int pid = result.machine().processes().pidOf(comm).getAsInt();
        MemSizeStats m = result.machine().processes().vmas(pid).stream().filter(v -> v.size() == 64L << 20)
                .findFirst().orElseThrow().smaps();
        return List.of(m.rss() >> 10, m.pss() >> 10, m.sharedDirty() >> 10, m.privateDirty() >> 10,
                m.anonHugePages() >> 10);
    }

    /** The buffer's smaps figures in {@code comm} as {@link #smaps}, of its VMA that starts at {@code start}. */
    private static List<Long> smapsAt(ScenarioResult result, String comm, long start) {
        int pid = result.machine().processes().pidOf(comm).getAsInt();
        MemSizeStats m = result.machine().processes().vmas(pid).stream().filter(v -> v.start() == start)
                .findFirst().orElseThrow().smaps();
        return List.of(m.rss() >> 10, m.pss() >> 10, m.sharedDirty() >> 10, m.privateDirty() >> 10,
                m.anonHugePages() >> 10);
    }

    /** thp_split_pmd, thp_split_page, thp_deferred_split_page and nr_anon_transparent_hugepages. */
    private static List<Long> thp(ScenarioResult result) {
        return List.of(result.machine().vmstat().get(VmItem.THP_SPLIT_PMD),
                result.machine().vmstat().get(VmItem.THP_SPLIT_PAGE),
                result.machine().vmstat().get(VmItem.THP_DEFERRED_SPLIT_PAGE),
                result.machine().vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES));
    }

    @Test
    void forkSharesEveryHugePmdAndNoneIsSplit() {
        ScenarioResult forked = run(1, "4K");
        // Real: the parent 65536 65536 0 65536 65536 before fork; the child 65536 32768 65536 0 65536 after.
        assertEquals(List.of(65536L, 32768L, 65536L, 0L, 65536L), smaps(forked, "c"));
        assertEquals(List.of(65536L, 32768L, 65536L, 0L, 65536L), smaps(forked, "p"));
        assertEquals(List.of(0L, 0L, 0L, 32L), thp(forked), "thp_fault_alloc +32 at the writes, then nothing at fork");
        assertEquals(32, forked.machine().vmstat().get(VmItem.THP_FAULT_ALLOC));
    }

    @Test
    void writingEverySmallPageSplitsOnlyTheWritersPmdsAndCopiesThemWhole() {
        ScenarioResult childWrote = run(2, "4K");
        assertEquals(List.of(65536L, 49152L, 32768L, 32768L, 32768L), smaps(childWrote, "c"));
        assertEquals(List.of(65536L, 49152L, 32768L, 32768L, 65536L), smaps(childWrote, "p"));
        assertEquals(List.of(16L, 0L, 0L, 32L), thp(childWrote), "thp_split_pmd +16, AnonHugePages still 65536 kB");
        assertEquals(0, childWrote.machine().vmstat().get(VmItem.THP_FAULT_ALLOC) - 32, "no huge page for the copies");

        ScenarioResult parentWrote = run(3, "4K");
        assertEquals(List.of(65536L, 53248L, 24576L, 40960L, 57344L), smaps(parentWrote, "p"));
        assertEquals(List.of(20L, 0L, 0L, 32L), thp(parentWrote), "thp_split_pmd +4");

        ScenarioResult childExited = run(4, "4K");
        assertEquals(List.of(65536L, 65536L, 0L, 65536L, 57344L), smaps(childExited, "p"));
        assertEquals(List.of(20L, 0L, 0L, 28L), thp(childExited),
                "nr_anon_transparent_hugepages -4: the child's PMDs were the last on the 4 the parent copied whole");

        ScenarioResult alone = run(5, "4K");
        assertEquals(List.of(65536L, 65536L, 0L, 65536L, 57344L), smaps(alone, "p"));
        assertEquals(List.of(20L, 0L, 0L, 28L), thp(alone), "the parent's own huge pages are reused, not split");
    }

    @Test
    void oneWriteIn2MibSplitsTheSamePmdsAndCopiesOnlyThePagesWritten() {
        // 17 pages copied: one each 2 MiB and the last byte's page, as touch (and so the C program) writes it.
        ScenarioResult childWrote = run(2, "2M");
        assertEquals(List.of(65536L, 32802L, 65468L, 68L, 32768L), smaps(childWrote, "c"));
        assertEquals(List.of(65536L, 32802L, 65468L, 68L, 65536L), smaps(childWrote, "p"));
        assertEquals(List.of(16L, 0L, 0L, 32L), thp(childWrote));

        ScenarioResult parentWrote = run(3, "2M");
        assertEquals(List.of(65536L, 32812L, 65448L, 88L, 57344L), smaps(parentWrote, "p"));
        assertEquals(List.of(20L, 0L, 0L, 32L), thp(parentWrote));

        ScenarioResult childExited = run(4, "2M");
        assertEquals(List.of(65536L, 65536L, 0L, 65536L, 57344L), smaps(childExited, "p"));
        // As real: thp_deferred_split_page +4 and nr_anon_transparent_hugepages -4, thp_split_page +0 (the
        // shrinker splits them later).
        assertEquals(List.of(20L, 0L, 4L, 28L), thp(childExited));

        ScenarioResult alone = run(5, "2M");
        assertEquals(List.of(65536L, 65536L, 0L, 65536L, 57344L), smaps(alone, "p"));
        assertEquals(List.of(20L, 0L, 4L, 28L), thp(alone));
    }

    /**
     * {@code ./thp-fork munmap}: the child unmaps the last 32 MiB (16 whole shared PMDs: zap_huge_pmd(), no split)
     * and the first 1 MiB (half a PMD: that PMD alone is split); then the parent writes at 0 and at 32 MiB.
     */
    @Test
    void unmappingOneSideOfSharedHugePmdsSplitsOnlyAPmdCutInTwo() {
        ScenarioResult result = run(1, "4K");
        Processes processes = result.machine().processes();
        int child = processes.pidOf("c").getAsInt();
        int parent = processes.pidOf("p").getAsInt();
        long buf = processes.vmas(parent).stream().filter(v -> v.size() == 64L << 20).findFirst().orElseThrow().start();
        processes.munmap(child, buf + (32L << 20), 32L << 20);
        processes.munmap(child, buf, 1L << 20);
        assertEquals(List.of(1L, 0L, 0L, 32L), thp(result), "thp_split_pmd +1; AnonHugePages still 65536 kB");
        assertEquals(List.of(31744L, 15872L, 31744L, 0L, 30720L), smapsAt(result, "c", buf + (1L << 20)));
        assertEquals(List.of(65536L, 49664L, 31744L, 33792L, 65536L), smaps(result, "p"));

        processes.write(parent, buf, 1);
        // As real: thp_split_pmd +1, nr_anon_transparent_hugepages -1 (no PMD maps that huge page now), and
        // thp_deferred_split_page +1 once the copy leaves its page 0 unmapped; no thp_split_page.
        assertEquals(List.of(2L, 0L, 1L, 31L), thp(result));
        assertEquals(List.of(65536L, 49664L, 31744L, 33792L, 63488L), smaps(result, "p"));

        processes.write(parent, buf + (32L << 20), 2);
        assertEquals(List.of(2L, 0L, 1L, 31L), thp(result), "the huge page the child unmapped is reused");
        assertEquals(List.of(65536L, 49664L, 31744L, 33792L, 63488L), smaps(result, "p"));
    }

    /**
     * docs/fidelity/thp-deferred.c, real 6.18 here: MADV_DONTNEED of the second half of one huge page of two gives
     * thp_split_pmd +1, thp_deferred_split_page +1, nr_anon_transparent_hugepages -1, smaps Rss 3072 kB and
     * AnonHugePages 2048 kB, MemFree unchanged (the pages stay in the queued huge page); {@code echo 2 >
     * /proc/sys/vm/drop_caches} runs the shrinkers: thp_split_page +1, and the 256 pages no PTE maps are freed.
     */
    @Test
    void aHugePageHalfUnmappedIsQueuedAndTheShrinkerSplitsIt() {
        List<String> lines = List.of("spawn p", "p mmap buf 4M", "p madvise buf hugepage", "p touch buf write",
                "p madvise buf dontneed offset=1M length=1M", "drop_caches 2");
        ScenarioResult written = SCENARIOS.run(lines.subList(0, 4));
        ScenarioResult queued = SCENARIOS.run(lines.subList(0, 5));
        ScenarioResult dropped = SCENARIOS.run(lines);
        assertEquals(List.of(0L, 0L, 0L, 2L), thp(written));
        assertEquals(List.of(1L, 0L, 1L, 1L), thp(queued));
        assertEquals(List.of(3072L, 2048L), rssAndHuge(queued));
        assertEquals(free(written), free(queued), "the unmapped half stays allocated in the queued huge page");
        assertEquals(-256, queued.machine().vmstat().get(VmItem.NR_ANON_PAGES)
                - written.machine().vmstat().get(VmItem.NR_ANON_PAGES), "AnonPages loses the unmapped half");
        assertEquals(List.of(1L, 1L, 1L, 1L), thp(dropped));
        assertEquals(List.of(3072L, 2048L), rssAndHuge(dropped));
        assertEquals(256, free(dropped) - free(queued), "the split frees the pages no PTE maps");
    }

    private static List<Long> rssAndHuge(ScenarioResult result) {
        int pid = result.machine().processes().pidOf("p").getAsInt();
        MemSizeStats m = result.machine().processes().vmas(pid).stream().filter(v -> v.size() == 4L << 20)
                .findFirst().orElseThrow().smaps();
        return List.of(m.rss() >> 10, m.anonHugePages() >> 10);
    }

    /** MemFree, with the per-CPU lists' pages back in the buddy lists. */
    private static long free(ScenarioResult result) {
        result.machine().pageAllocator().drainAllPages();
        return result.machine().physicalMemory().freePages();
    }
}
