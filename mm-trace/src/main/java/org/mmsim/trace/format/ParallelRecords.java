package org.mmsim.trace.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mmsim.spi.util.LongIntHashMap;

/**
 * A trace of fixed-size binary records decoded in parallel, where its bytes can be read from any record on: an
 * uncompressed file (memory-mapped) or an xz file of several blocks (each block decompressed on its own). The trace is
 * cut into ranges of records; worker threads read and decode ranges and number each range's keys on their own, and
 * the caller's thread hands the ranges to a {@link BlockSink} in trace order while the workers decode the next ones.
 * Only the joining of the ranges' numberings into one is sequential, and it looks up each range's distinct keys
 * rather than every request. The result is the one a sequential read gives, whatever the number of workers.
 */
final class ParallelRecords {
    private ParallelRecords() {
    }

    /** Where the records' bytes come from; {@link #read} is called from several threads at once. */
    interface Bytes {
        /** The {@code length} bytes from byte {@code from} of the decompressed trace, big-endian. */
        ByteBuffer read(long from, int length) throws IOException;
    }

    /** A run of records: the first one's index and how many. */
    record Range(long first, int count) {
    }

    /** One decoded range: as {@link BlockSink#block} takes it. */
    private record Block(int[] ids, int length, long[] keys, int distinct) {
    }

    /** The records {@code [0, records)} cut into ranges of {@code block} records. */
    static List<Range> ranges(long records, int block) {
        Range[] ranges = new Range[(int) ((records + block - 1) / block)];
        for (int r = 0; r < ranges.length; r++) {
            long first = (long) r * block;
            ranges[r] = new Range(first, (int) Math.min(block, records - first));
        }
        return List.of(ranges);
    }

    /**
     * Decodes {@code ranges}, in order, into {@code sink}.
     *
     * @param name what an error calls the trace
     * @throws TraceException if the bytes cannot be read
     */
    static void decode(String name, Bytes bytes, List<Range> ranges, BinaryReader.Layout layout, BlockSink sink) {
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), ranges.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "mm-trace-decode");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // A few ranges ahead of the sink, so memory stays bounded on a trace of any length.
            Deque<Future<Block>> ahead = new ArrayDeque<>();
            int next = 0;
            for (int r = 0; r < ranges.size(); r++) {
                while (next < ranges.size() && ahead.size() <= workers) {
                    Range range = ranges.get(next++);
                    ahead.add(pool.submit(() -> decode(bytes, range, layout)));
                }
                Block done = ahead.remove().get();
                sink.block(done.ids, done.length, done.keys, done.distinct);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw new TraceException(name + ": cannot read: " + cause.getMessage(), cause);
            }
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException(name + ": interrupted while reading", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Decodes one range, numbering its keys in order of first use. */
    private static Block decode(Bytes bytes, Range range, BinaryReader.Layout layout) throws IOException {
        int length = range.count();
        ByteBuffer records = bytes.read(range.first() * layout.size, length * layout.size);
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
