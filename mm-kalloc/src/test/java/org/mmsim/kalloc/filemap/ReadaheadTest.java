package org.mmsim.kalloc.filemap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The window sizes of mm/readahead.c, computed by hand from get_init_ra_size() and get_next_ra_size(). */
class ReadaheadTest {
    @Test
    void theFirstWindowIsTheRequestRoundedUpThenQuadrupledDoubledOrTheMaximum() {
        // ra_pages = 32: 1-2 pages give 16 KiB, 3-4 give 32 KiB, 5-8 give 64 KiB, more give 128 KiB.
        long[] request = {1, 2, 3, 4, 5, 8, 9, 16, 32};
        long[] window = {4, 4, 8, 8, 16, 16, 32, 32, 32};
        for (int i = 0; i < request.length; i++) {
            assertEquals(window[i], Readahead.initRaSize(request[i], 32), "request of " + request[i] + " pages");
        }
    }

    @Test
    void eachNextWindowRampsUpToTheMaximum() {
        long size = 4;
        long[] expected = {8, 16, 32, 32};
        for (long next : expected) {
            size = Readahead.nextRaSize(size, 32);
            assertEquals(next, size);
        }
        assertEquals(16, Readahead.nextRaSize(4, 320), "a small window grows fourfold (below max / 16)");
        assertEquals(320, Readahead.nextRaSize(200, 320));
    }

    @Test
    void aReadLargerThanTheWindowMayUseTheDisksOptimalSize() {
        assertEquals(32, Readahead.maxPages(1));
        assertEquals(32, Readahead.maxPages(32));
        assertEquals(256, Readahead.maxPages(256));
        assertEquals(320, Readahead.maxPages(4096));
    }
}
