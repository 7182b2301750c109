package org.mmsim.kalloc.writeback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlusherTest {
    @Test
    void aTaskChecksTheLimitsAfterAboutTheSquareRootOfItsDistanceToThem() {
        // dirty_poll_interval(): 1 << (ilog2(thresh - dirty) >> 1).
        assertEquals(256, Flusher.dirtyPollInterval(0, 200_000));
        assertEquals(2, Flusher.dirtyPollInterval(100, 104));
        assertEquals(1, Flusher.dirtyPollInterval(100, 100));
        assertEquals(1, Flusher.dirtyPollInterval(200, 100));
    }

    @Test
    void periodsAreWholeJiffies() {
        assertEquals(1250, Flusher.msecsToJiffies(5000), "dirty_writeback_centisecs 500");
        assertEquals(7500, Flusher.msecsToJiffies(30000), "dirty_expire_centisecs 3000");
        assertEquals(1, Flusher.msecsToJiffies(1), "rounded up");
    }

}
