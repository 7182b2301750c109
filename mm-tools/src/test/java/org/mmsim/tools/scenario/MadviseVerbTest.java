package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.figure;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code NAME madvise VAR} on memory from malloc as on mappings: glibc's memory is mappings too (the brk heap, an
 * mmap'd chunk for a large block), and madvise(2) works on whatever is mapped. A malloc'd block's start is rarely
 * page-aligned, so the verb advises the whole pages inside it, as a C program rounds it (checked on Linux 6.18: a
 * 64 KiB block at offset 0x2a0 of a page gives back 60 KiB to MADV_DONTNEED, the bytes before its first whole page
 * intact; madvise of an unaligned start is EINVAL, of no bytes 0).
 */
class MadviseVerbTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("m.mms");

    @Test
    void dontneedOnABlockFromTheBrkHeapDropsTheWholePagesInsideIt() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn p", "p malloc buf 64K", "p touch buf write",
                "cat /proc/p/status", "p madvise buf dontneed", "cat /proc/p/status", "p touch buf read length=1");
        long before = figure(printedBy(result, 5), "RssAnon");
        long after = figure(printedBy(result, 7), "RssAnon");
        assertEquals("", printedBy(result, 6), "no error: the start was rounded up to a page");
        assertEquals(60, before - after, "16 pages touched; the 15 whole ones inside the block dropped");
        assertEquals("", printedBy(result, 8), "the first bytes, in the partial first page, are still there");
    }

    @Test
    void dontneedOnAnMmapdChunkDropsAllButItsEdgePages() {
        ScenarioResult result = scenarios.run("machine ram=512M", "spawn p", "p malloc big 64M", "p touch big write",
                "cat /proc/p/status", "p madvise big dontneed", "cat /proc/p/status");
        long before = figure(printedBy(result, 5), "RssAnon");
        long after = figure(printedBy(result, 7), "RssAnon");
        assertEquals("", printedBy(result, 6));
        assertEquals(64 * 1024 - 4, before - after, "the chunk header shares the first page: every other page goes");
    }

    @Test
    void hugepageOnAMallocdBlockFlagsTheVmaOfItsWholePages() {
        ScenarioResult result = scenarios.run("machine ram=512M", "spawn p", "p malloc big 8M", "p madvise big hugepage",
                "cat /proc/p/smaps");
        Matcher m = Pattern.compile("(?m)^([0-9a-f]+)-([0-9a-f]+) rw-p [^\n]*\n(?:[A-Za-z_]+:[^\n]*\n)*?VmFlags:[^\n]* hg ")
                .matcher(printedBy(result, 5));
        assertTrue(m.find(), printedBy(result, 5));
        long size = Long.parseLong(m.group(2), 16) - Long.parseLong(m.group(1), 16);
        assertEquals((8L << 20) - 4096, size, "the block's 8 MiB less its partial first and last pages (the chunk "
                + "header's 16 bytes shift it into a ninth page)");
    }

    @Test
    void aBlockInsideOnePageHasNoWholePageAndMadviseDoesNothing() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn p", "p malloc small 100", "p touch small write",
                "cat /proc/p/status", "p madvise small dontneed", "cat /proc/p/status");
        assertEquals("", printedBy(result, 6), "madvise of no bytes is 0");
        assertEquals(figure(printedBy(result, 5), "RssAnon"), figure(printedBy(result, 7), "RssAnon"));
    }

    /** An explicit range is madvise(p + offset, length) as given: on a mapping's middle pages it splits the VMA. */
    @Test
    void anExplicitRangeIsTakenAsGiven() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn p", "p mmap m 64K", "p touch m write",
                "cat /proc/p/status", "p madvise m dontneed offset=16K length=8K", "cat /proc/p/status",
                "p madvise m hugepage offset=16K length=8K", "cat /proc/p/smaps", "p malloc b 64K",
                "p madvise b dontneed length=4K");
        assertEquals("", printedBy(result, 6));
        assertEquals(8, figure(printedBy(result, 5), "RssAnon") - figure(printedBy(result, 7), "RssAnon"),
                "the two pages given");
        Matcher m = Pattern.compile("(?m)^([0-9a-f]+)-([0-9a-f]+) rw-p [^\n]*\n(?:[A-Za-z_]+:[^\n]*\n)*?VmFlags:[^\n]* hg ")
                .matcher(printedBy(result, 9));
        assertTrue(m.find(), printedBy(result, 9));
        assertEquals(8192, Long.parseLong(m.group(2), 16) - Long.parseLong(m.group(1), 16),
                "the hugepage flag splits the two pages off");
        assertTrue(printedBy(result, 11).matches("p: madvise b: .*\\(EINVAL\\)\n"),
                "malloc's pointer itself is not on a page: " + printedBy(result, 11));
        assertEquals("m.mms:4: offset=60K length=8K past the end of m; expected a range within its 64K",
                scenarios.error("machine ram=64M", "spawn p", "p mmap m 64K", "p madvise m dontneed offset=60K length=8K"));
    }

    @Test
    void aFreedMmapdChunkIsNotMappedAnyMore() {
        ScenarioResult result = scenarios.run("machine ram=512M", "spawn p", "p malloc big 64M", "p free big",
                "p madvise big dontneed");
        assertTrue(printedBy(result, 5).matches("p: madvise big: .*\\(ENOMEM\\)\n"),
                "free munmapped the chunk: ENOMEM, as madvise(2) says of an unmapped range: " + printedBy(result, 5));
    }
}
