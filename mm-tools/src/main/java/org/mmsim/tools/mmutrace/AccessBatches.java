package org.mmsim.tools.mmutrace;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.mmsim.trace.format.AccessSink;
import org.mmsim.trace.format.TraceDecoder;
import org.mmsim.trace.format.TraceException;
import org.mmsim.trace.format.TraceFormat;

/**
 * Decompresses and parses an address trace on a thread of its own, handing the accesses over in batches of primitive
 * arrays, so that reading the next part of the trace overlaps simulating this one. The simulation still runs on one
 * thread and sees the accesses in trace order: the output does not depend on the overlap. A few batches circulate
 * between the two threads; none is allocated per access.
 */
final class AccessBatches implements AutoCloseable {
    static final int SIZE = 1 << 14;
    private static final int IN_FLIGHT = 4;

    /** One batch: addresses, and each access's kind and size packed as {@code kind << 16 | size}. */
    static final class Batch {
        final long[] addresses = new long[SIZE];
        final int[] kindSizes = new int[SIZE];
        int count;
        boolean last;
        TraceFormat format;
        RuntimeException error;
    }

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final Thread reader;

    /** How the reader thread decodes the trace into a sink: {@link TraceDecoder#decodeAccesses}, or a test's. */
    @FunctionalInterface
    interface Decoder {
        TraceFormat decode(AccessSink sink);
    }

    /** Starts reading {@code file}. */
    AccessBatches(Path file, Optional<TraceFormat> format) {
        this(sink -> TraceDecoder.decodeAccesses(file, format, sink));
    }

    /** Starts reading what {@code decoder} decodes. */
    AccessBatches(Decoder decoder) {
        for (int i = 0; i < IN_FLIGHT; i++) {
            empty.add(new Batch());
        }
        reader = new Thread(() -> read(decoder), "trace-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Thrown inside the reader when the consumer has gone. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    private void read(Decoder decoder) {
        Batch[] current = {take(empty)};
        RuntimeException error = null;
        TraceFormat read = null;
        try {
            read = decoder.decode((kind, address, size) -> {
                Batch b = current[0];
                b.addresses[b.count] = address;
                b.kindSizes[b.count] = kind << 16 | size;
                if (++b.count == SIZE) {
                    put(b);
                    current[0] = take(empty);
                }
            });
        } catch (Cancelled e) {
            return;
        } catch (TraceException e) {
            error = e;
        } catch (RuntimeException | Error e) {
            // Whatever stops the reader (a missing class, a full heap) ends the batches with it: the consumer waiting
            // for the next batch must get an error, never wait for ever.
            error = new IllegalStateException("the trace reader failed: " + e, e);
        }
        Batch b = current[0];
        b.last = true;
        b.format = read;
        b.error = error;
        try {
            put(b);
        } catch (Cancelled e) {
            // The consumer has gone; nobody waits for the end.
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    private void put(Batch b) {
        try {
            full.put(b);
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    /** The next batch, in trace order; the last one has {@code last} set, and an error if the trace was bad. */
    Batch next() {
        try {
            return full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the trace", e);
        }
    }

    /** Gives a consumed batch back to the reader. */
    void recycle(Batch b) {
        b.count = 0;
        empty.add(b);
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
