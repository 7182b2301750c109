package org.mmsim.trace.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mmsim.spi.util.LongIntHashMap;

/**
 * An uncompressed trace of fixed-size binary records, decoded in parallel: the file is memory-mapped a block of
 * {@link #BLOCK} records at a time, worker threads decode blocks and number each block's keys on their own, and the
 * caller's thread hands the blocks to a {@link BlockSink} in file order while the workers decode the next ones. Only
 * the joining of the blocks' numberings into one is sequential, and it looks up each block's distinct keys rather
 * than every request. The result is the one a sequential read gives, whatever the number of workers.
 */
final class MappedRecords {
    /** Records a block. */
    static final int BLOCK = 1 << 20;

    private MappedRecords() {
    }

    /** One decoded block: as {@link BlockSink#block} takes it. */
    private record Block(int[] ids, int length, long[] keys, int distinct) {
    }

    /**
     * Decodes every whole record of {@code file} into {@code sink}.
     *
     * @throws TraceException if the file ends inside a record (after the whole records went to the sink)
     */
    static void decode(Path file, BinaryReader.Layout layout, BlockSink sink) {
        decode(file, layout, sink, BLOCK);
    }

    /** {@link #decode(Path, BinaryReader.Layout, BlockSink)} in blocks of {@code block} records. */
    static void decode(Path file, BinaryReader.Layout layout, BlockSink sink, int block) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long records = size / layout.size;
            long blocks = (records + block - 1) / block;
            int workers = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), blocks));
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread thread = new Thread(r, "mm-trace-decode");
                thread.setDaemon(true);
                return thread;
            });
            try {
                // A few blocks ahead of the sink, so memory stays bounded on a trace of any length.
                Deque<Future<Block>> ahead = new ArrayDeque<>();
                long next = 0;
                for (long b = 0; b < blocks; b++) {
                    while (next < blocks && ahead.size() <= workers) {
                        long first = next * block;
                        int length = (int) Math.min(block, records - first);
                        ahead.add(pool.submit(() -> decode(channel, layout, first, length)));
                        next++;
                    }
                    Block done = ahead.remove().get();
                    sink.block(done.ids, done.length, done.keys, done.distinct);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException) {
                    throw new TraceException(file + ": cannot read: " + cause.getMessage(), cause);
                }
                throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TraceException(file + ": interrupted while reading", e);
            } finally {
                pool.shutdownNow();
            }
            long tail = size - records * layout.size;
            if (tail > 0) {
                throw new TraceException(file + ": record " + (records + 1) + ": truncated, " + tail + " of "
                        + layout.size + " bytes; expected whole " + layout.size + "-byte records");
            }
        } catch (IOException e) {
            throw new TraceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Decodes {@code length} records from record {@code first}, numbering their keys in order of first use. */
    private static Block decode(FileChannel channel, BinaryReader.Layout layout, long first, int length)
            throws IOException {
        ByteBuffer records = channel.map(FileChannel.MapMode.READ_ONLY, first * layout.size, (long) length * layout.size);
        long[] raw = new long[length];
        switch (layout) {
            case U32BE:
                for (int i = 0; i < length; i++) {
                    raw[i] = records.getInt(i << 2) & 0xffffffffL;
                }
                break;
            case I32BE:
                for (int i = 0; i < length; i++) {
                    raw[i] = records.getInt(i << 2);
                }
                break;
            case I64BE:
                for (int i = 0; i < length; i++) {
                    raw[i] = records.getLong(i << 3);
                }
                break;
            default:
                for (int i = 0; i < length; i++) {
                    raw[i] = layout.key(records, i * layout.size);
                }
                break;
        }
        LongIntHashMap numbers = new LongIntHashMap(1 << 16, -1);
        int[] ids = new int[length];
        long[] keys = new long[Math.min(length, 1 << 16)];
        for (int i = 0; i < length; i++) {
            long key = raw[i];
            int id = numbers.get(key);
            if (id < 0) {
                id = numbers.size();
                numbers.put(key, id);
                if (id == keys.length) {
                    keys = Arrays.copyOf(keys, Math.min(length, keys.length * 2));
                }
                keys[id] = key;
            }
            ids[i] = id;
        }
        return new Block(ids, length, keys, numbers.size());
    }
}
