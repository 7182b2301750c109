package org.mmsim.paging.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The per-page PTE counts of huge pages that are still whole folios: which folio a frame belongs to, and how the
 * counts of a PMD split, a fork of one PTE and the copy-on-write of pages add up, as the child of the real
 * experiment in docs/fidelity/thp-fork.c moves them (its PMD split, then pages copied away).
 */
class PteMappedThpsTest {
    private static final long HEAD = 0x4000;
    private final PteMappedThps ptes = new PteMappedThps();

    @Test
    void aFrameBelongsToTheFolioWhoseHeadIsAtMost511FramesBelowIt() {
        assertEquals(-1, ptes.headOf(HEAD), "nothing is PTE-mapped yet");
        ptes.mapAll(HEAD);
        assertEquals(HEAD, ptes.headOf(HEAD));
        assertEquals(HEAD, ptes.headOf(HEAD + 511));
        assertEquals(-1, ptes.headOf(HEAD + 512));
        assertEquals(-1, ptes.headOf(HEAD - 1));
    }

    @Test
    void aSplitMapsEveryPageOnceAndAForkedPteOnceMore() {
        ptes.mapAll(HEAD);
        ptes.map(HEAD, HEAD + 7);
        assertEquals(2, ptes.mapcount(HEAD, HEAD + 7));
        assertEquals(1, ptes.mapcount(HEAD, HEAD + 8));
        assertEquals(512, ptes.mappedPages(HEAD));
        int[] counts = ptes.remove(HEAD);
        assertEquals(2, counts[7]);
        assertNull(ptes.remove(HEAD), "taken out");
        assertEquals(0, ptes.mappedPages(HEAD));
    }

    @Test
    void theFolioLeavesWhenItsLastPteIsCopiedAway() {
        ptes.mapAll(HEAD);
        ptes.map(HEAD, HEAD + 3);
        assertFalse(ptes.unmap(HEAD, HEAD + 3), "page 3 is still mapped by its other PTE");
        for (long p = HEAD; p < HEAD + 511; p++) {
            assertTrue(ptes.unmap(HEAD, p), "no PTE maps page " + (p - HEAD) + " now");
        }
        assertEquals(1, ptes.mappedPages(HEAD));
        assertEquals(HEAD, ptes.headOf(HEAD + 511), "one page still mapped by its PTE");
        assertEquals(0, ptes.mapcount(HEAD, HEAD));
        ptes.unmap(HEAD, HEAD + 511);
        assertEquals(-1, ptes.headOf(HEAD), "the PMD elsewhere maps the folio alone again");
        assertEquals(0, ptes.mapcount(HEAD, HEAD + 511));
    }
}
