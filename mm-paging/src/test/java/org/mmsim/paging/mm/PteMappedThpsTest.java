package org.mmsim.paging.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The per-page PTE counts of huge pages still mapped whole elsewhere: which folio a frame belongs to, and how the
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
        int[] counts = ptes.remove(HEAD);
        assertEquals(512, PteMappedThps.mappedPages(counts));
        assertNull(ptes.remove(HEAD), "taken out");
        assertEquals(0, PteMappedThps.mappedPages(null));
    }

    @Test
    void theFolioLeavesWhenItsLastPteIsCopiedAway() {
        ptes.mapAll(HEAD);
        for (long p = HEAD; p < HEAD + 511; p++) {
            ptes.unmap(HEAD, p);
        }
        assertEquals(HEAD, ptes.headOf(HEAD + 511), "one page still mapped by its PTE");
        assertEquals(0, ptes.mapcount(HEAD, HEAD));
        ptes.unmap(HEAD, HEAD + 511);
        assertEquals(-1, ptes.headOf(HEAD), "the PMD elsewhere maps the folio alone again");
        assertEquals(0, ptes.mapcount(HEAD, HEAD + 511));
    }
}
