package org.mmsim.trace.format;

/**
 * A {@link KeySink} that can also take a trace a block at a time with each block's keys already numbered, so that
 * several threads can decode and number the blocks of a large uncompressed trace at once while one thread joins them
 * in order. A decoder calls either {@link #accept} for every request or {@link #block} for every block, in trace order,
 * never both for one trace.
 */
public interface BlockSink extends KeySink {
    /**
     * The next {@code length} requests of the trace: request {@code i} is of key {@code keys[ids[i]]}, and the block's
     * keys are numbered 0, 1, 2, ... in order of their first request in it ({@code distinct} of them).
     */
    void block(int[] ids, int length, long[] keys, int distinct);
}
