package org.mmsim.tools.mmutrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reader thread hands over whatever ends it, so the simulation never waits for a batch that cannot come. */
class AccessBatchesTest {
    @Test
    @Timeout(10)
    void anErrorInTheReaderEndsTheBatchesWithIt() {
        try (AccessBatches batches = new AccessBatches(sink -> {
            sink.access(0, 0x1000, 4);
            throw new NoClassDefFoundError("sun/misc/Unsafe");
        })) {
            AccessBatches.Batch last = batches.next();
            assertTrue(last.last);
            assertEquals(1, last.count);
            assertInstanceOf(NoClassDefFoundError.class, last.error.getCause());
        }
    }
}
