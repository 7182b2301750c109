package org.mmsim.trace.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The parallel decoder of binary traces (uncompressed, or xz in several blocks) against the streaming one, which reads
 * the records one by one: the same keys in the same order for every layout, range size and trace, whole ranges and a
 * partial last one, records cut by an xz block's end, and the same error for a trace that ends inside a record.
 */
class ParallelRecordsTest {
    /** Collects what a decoder hands over, checking each block's numbering on the way. */
    static final class Blocks implements BlockSink {
        final Keys keys = new Keys();
        int blocks;

        @Override
        public void accept(long key) {
            keys.accept(key);
        }

        @Override
        public void block(int[] ids, int length, long[] blockKeys, int distinct) {
            blocks++;
            int next = 0;
            for (int i = 0; i < length; i++) {
                assertTrue(ids[i] <= next && ids[i] < distinct, "numbered in order of first use");
                next = Math.max(next, ids[i] + 1);
                keys.accept(blockKeys[ids[i]]);
            }
            assertEquals(distinct, next, "every key of the block is used in it");
        }
    }

    private static byte[] bytes(BinaryReader.Layout layout, long[] keys, int extraBytes) {
        ByteBuffer out = ByteBuffer.allocate(keys.length * layout.size + extraBytes);
        for (int i = 0; i < keys.length; i++) {
            int at = i * layout.size;
            switch (layout) {
                case U32BE:
                case I32BE:
                    out.putInt(at, (int) keys[i]);
                    break;
                case I64BE:
                    out.putLong(at, keys[i]);
                    break;
                default:
                    // libCacheSim's oracleGeneral: time, object id, size, next access; little endian.
                    out.order(ByteOrder.LITTLE_ENDIAN).putInt(at, i).putLong(at + 4, keys[i]).putInt(at + 12, 4096)
                            .putLong(at + 16, -1).order(ByteOrder.BIG_ENDIAN);
                    break;
            }
        }
        return out.array();
    }

    private static Path write(BinaryReader.Layout layout, long[] keys, int extraBytes) throws IOException {
        Path file = Files.createTempFile("records", ".bin");
        Files.write(file, bytes(layout, keys, extraBytes));
        return file;
    }

    /** The records as xz, a new xz block every {@code blockBytes} bytes (wherever that cuts a record). */
    private static Path writeXz(BinaryReader.Layout layout, long[] keys, int blockBytes) throws IOException {
        byte[] data = bytes(layout, keys, 0);
        Path file = Files.createTempFile("records", ".xz");
        try (XZOutputStream xz = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options(0))) {
            for (int at = 0; at < data.length; at += blockBytes) {
                xz.write(data, at, Math.min(blockBytes, data.length - at));
                xz.endBlock();
            }
        }
        return file;
    }

    private static TraceFormat formatOf(BinaryReader.Layout layout) {
        return TraceFormat.valueOf(layout.name());
    }

    @Provide
    Arbitrary<long[]> traces() {
        Arbitrary<Long> key = Arbitraries.oneOf(Arbitraries.longs().between(0, 40), Arbitraries.longs(),
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, 0xffffffffL));
        return key.array(long[].class).ofMinSize(0).ofMaxSize(300);
    }

    @Property(tries = 200)
    void blocksReadAsTheStreamReads(@ForAll("traces") long[] keys, @ForAll BinaryReader.Layout layout,
                                    @ForAll @IntRange(min = 1, max = 64) int block) throws IOException {
        long[] written = keys.clone();
        if (layout.size == 4) {
            for (int i = 0; i < written.length; i++) {
                written[i] = layout == BinaryReader.Layout.U32BE ? written[i] & 0xffffffffL : (int) written[i];
            }
        }
        Path file = write(layout, written, 0);
        try {
            Blocks blocks = new Blocks();
            ParallelRecords.decode(file.toString(), (from, length) -> ByteBuffer.wrap(Files.readAllBytes(file), (int) from,
                    length).slice(), ParallelRecords.ranges(written.length, block), layout, blocks);
            assertArrayEquals(Keys.of(file, TraceOptions.of(formatOf(layout))), blocks.keys.toArray());
            assertArrayEquals(written, blocks.keys.toArray());
            assertEquals((written.length + block - 1) / block, blocks.blocks);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 60)
    void anXzTraceOfManyBlocksReadsAsTheStreamReads(@ForAll("traces") long[] keys, @ForAll BinaryReader.Layout layout,
                                                     @ForAll @IntRange(min = 1, max = 100) int blockBytes) throws IOException {
        Path file = writeXz(layout, keys, blockBytes);
        try {
            Blocks blocks = new Blocks();
            TraceDecoder.decode(file, TraceOptions.of(formatOf(layout)), blocks);
            long[] streamed = Keys.of(file, TraceOptions.of(formatOf(layout)));
            assertArrayEquals(streamed, blocks.keys.toArray());
            assertEquals(keys.length, streamed.length);
            if ((long) keys.length * layout.size > blockBytes) {
                assertTrue(blocks.blocks > 0, "several xz blocks are read in parallel");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aTraceOfManyBlocksIsReadWholeAndInOrder() throws IOException {
        long[] keys = new long[(SplitTraceFile.BLOCK * 5) / 2];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt(300_000) * 0x9E3779B97F4A7C15L;
        }
        Path file = write(BinaryReader.Layout.ORACLE_GENERAL, keys, 0);
        try {
            Blocks blocks = new Blocks();
            TraceDecoder.decode(file, TraceOptions.of(TraceFormat.ORACLE_GENERAL), blocks);
            assertEquals(3, blocks.blocks);
            assertTrue(Arrays.equals(keys, blocks.keys.toArray()));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aTraceThatEndsInsideARecordSaysWhereAsTheStreamDoes() throws IOException {
        Path file = write(BinaryReader.Layout.ORACLE_GENERAL, new long[] {5, 6, 7}, 10);
        try {
            String stream = assertThrows(TraceException.class,
                    () -> Keys.of(file, TraceOptions.of(TraceFormat.ORACLE_GENERAL))).getMessage();
            String mapped = assertThrows(TraceException.class,
                    () -> TraceDecoder.decode(file, TraceOptions.of(TraceFormat.ORACLE_GENERAL), new Blocks())).getMessage();
            assertEquals(file + ": record 4: truncated, 10 of 24 bytes; expected whole 24-byte records", mapped);
            assertEquals(stream, mapped);
        } finally {
            Files.delete(file);
        }
    }
}
