package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.stat.VmItem;

/** Transparent huge pages: when a fault maps one, what smaps, meminfo and vmstat then show, and what splits one. */
class HugePagesTest {
    private static final long HUGE = 2L << 20;
    private final ScenarioHarness scenarios = new ScenarioHarness("h.mms");

    /** The VMA of {@code size} bytes of the process whose command is {@code comm} (a spawned p, or a fork child c). */
    private static VmaInfo vmaOf(ScenarioResult result, String comm, long size) {
        int pid = result.machine().processes().pidOf(comm).getAsInt();
        return result.machine().processes().vmas(pid).stream().filter(v -> v.size() == size).findFirst().orElseThrow();
    }

    @Test
    void aMadvisedMappingOfWholePmdsIsAlignedAndFaultsInHugePages() {
        ScenarioResult result = scenarios.run("spawn p", "p mmap buf 8M", "p madvise buf hugepage", "p touch buf write stride=2M");
        VmaInfo buf = vmaOf(result, "p", 8L << 20);
        assertEquals(0, buf.start() % HUGE, "__get_unmapped_area() aligns a mapping of whole PMDs");
        assertEquals(8L << 20, buf.smaps().anonHugePages(), "four touches, four huge pages");
        assertEquals(8L << 20, buf.smaps().rss());
        assertTrue(buf.thpEligible());
        assertEquals(4, result.machine().vmstat().get(VmItem.THP_FAULT_ALLOC));
        assertEquals(4, result.machine().vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES));
    }

    /**
     * Found by the processes' stateful property once its invariant read translations without faulting: a read fault
     * that maps a new huge page in a VMA without VM_WRITE mapped it writable, so a later write went through. The PMD
     * is made writable only where the VMA allows it ({@code maybe_pmd_mkwrite()}), so the write is a SIGSEGV.
     */
    @Test
    void aReadFaultInAReadOnlyMappingMapsItsHugePageReadOnly() {
        ScenarioResult result = scenarios.run("spawn p", "p mmap m 4M anon private prot=r", "p madvise m hugepage",
                "p touch m read", "grep AnonHugePages /proc/meminfo", "p touch m write");
        assertEquals("AnonHugePages:      4096 kB\n", printedBy(result, 5), "the read faulted in two huge pages");
        assertTrue(printedBy(result, 6).startsWith("p: Segmentation fault (SIGSEGV at 0x"), result.text());
    }

    @Test
    void withoutTheAdviceTheDefaultMadviseModeUsesSmallPages() {
        ScenarioResult result = scenarios.run("spawn p", "p mmap buf 4M", "p touch buf write");
        VmaInfo buf = vmaOf(result, "p", 4L << 20);
        assertEquals(0, buf.smaps().anonHugePages());
        assertEquals(4L << 20, buf.smaps().rss());
        assertTrue(!buf.thpEligible());
        assertEquals(0, result.machine().vmstat().get(VmItem.THP_FAULT_ALLOC));
    }

    @Test
    void alwaysModeMapsHugePagesWhereAWhole2MibRangeFits() {
        // 400 MiB + glibc's header is not a whole number of PMDs: not aligned, so 199 of its 2 MiB ranges fit.
        ScenarioResult result = scenarios.run("machine thp=always", "spawn p", "p malloc ints 400M", "p touch ints write",
                "cat /proc/meminfo");
        assertEquals(199, result.machine().vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES));
        assertTrue(result.text().contains(String.format("%-16s%8d kB%n", "AnonHugePages:", 199 * 2048)), result.text());
    }

    @Test
    void shrinkingAHugeMappingSplitsItsPmdAndTheShrinkerFreesTheCutPart() {
        List<String> lines = List.of("spawn p", "p mmap buf 2M", "p madvise buf hugepage", "p touch buf write",
                "p mremap buf 1M", "drop_caches 2");
        ScenarioResult whole = scenarios.run(lines.subList(0, 4));
        ScenarioResult shrunk = scenarios.run(lines.subList(0, 5));
        ScenarioResult split = scenarios.run(lines);
        assertEquals(1, shrunk.machine().vmstat().get(VmItem.THP_SPLIT_PMD), "munmap of half a huge PMD splits it");
        assertEquals(0, shrunk.machine().vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES));
        assertEquals(1, shrunk.machine().vmstat().get(VmItem.THP_DEFERRED_SPLIT_PAGE), "half mapped: queued");
        assertEquals(1L << 20, vmaOf(shrunk, "p", 1L << 20).smaps().rss());
        assertEquals(0, free(shrunk) - free(whole), "the cut half stays in the huge page until it is split");
        assertEquals(1, split.machine().vmstat().get(VmItem.THP_SPLIT_PAGE), "the deferred split's shrinker");
        assertEquals(256, free(split) - free(whole),
                "the cut half's 256 pages are free again; the deposited table now maps the other half");
    }

    /** MemFree in pages, with the per-CPU lists' pages back in the buddy lists. */
    private static long free(ScenarioResult result) {
        result.machine().pageAllocator().drainAllPages();
        return result.machine().physicalMemory().freePages();
    }

    @Test
    void wholeHugePmdsAreZappedOrProtectedWithoutASplit() {
        ScenarioResult dropped = scenarios.run("spawn p", "p mmap buf 2M", "p madvise buf hugepage", "p touch buf write",
                "p madvise buf dontneed");
        assertEquals(0, vmaOf(dropped, "p", HUGE).smaps().rss(), "dontneed of the whole range drops the huge page");
        assertEquals(0, dropped.machine().vmstat().get(VmItem.THP_SPLIT_PMD));
        ScenarioResult reprotected = scenarios.run("spawn p", "p mmap buf 2M", "p madvise buf hugepage", "p touch buf write",
                "p mprotect buf prot=r", "p touch buf read length=4K");
        assertEquals(0, reprotected.machine().vmstat().get(VmItem.THP_SPLIT_PMD));
        assertEquals(HUGE, vmaOf(reprotected, "p", HUGE).smaps().anonHugePages());
    }

    @Test
    void forkSharesTheHugePmdAndAChildWriteSplitsOnlyItsOwnAndCopiesOneSmallPage() {
        ScenarioResult result = scenarios.run("spawn p", "p mmap buf 2M", "p madvise buf hugepage", "p touch buf write",
                "p fork c", "c touch buf write length=4K");
        assertEquals(1, result.machine().vmstat().get(VmItem.THP_SPLIT_PMD));
        assertEquals(0, result.machine().vmstat().get(VmItem.THP_SPLIT_PAGE), "the parent's PMD keeps the huge page whole");
        assertEquals(HUGE, vmaOf(result, "p", HUGE).smaps().anonHugePages());
        VmaInfo child = vmaOf(result, "c", HUGE);
        assertEquals(4096, child.smaps().privateDirty(), "the child's write copied one small page");
        assertEquals(HUGE - 4096, child.smaps().sharedDirty());
    }

    @Test
    void badAdviceIsOneLine() {
        String message = assertThrows(ScenarioException.class, () -> scenarios.run("spawn p", "p mmap buf 2M", "p madvise buf soon"))
                .getMessage();
        assertEquals("h.mms:3: unknown advice 'soon'; expected hugepage, nohugepage or dontneed", message);
    }
}
