package org.mmsim.trace.replay;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.spi.util.LongIntHashMap;
import org.mmsim.trace.format.BlockSink;

/**
 * A trace's keys renamed to dense ids (0, 1, 2, ... in order of first use) and cut into chunks of ints. A policy sees
 * only the equality of keys, so the ids replay exactly as the keys would, in half the memory, and each simulation's
 * key-to-slot map becomes a plain array. Full chunks go to a {@link ChunkHandler}: kept all (to replay from
 * memory) or replayed and dropped (to stream a trace larger than memory). A block numbered on its own by a decoder's
 * worker joins the numbering here by its distinct keys: only they are looked up.
 */
final class DenseTrace implements BlockSink {
    /** Requests per chunk. */
    static final int CHUNK = 1 << 20;

    /** Receives each full chunk, and the last partial one. */
    interface ChunkHandler {
        /**
         * @param ids the chunk's ids; only the first {@code length} are requests
         * @param distinct the number of distinct keys seen so far, all ids are below it
         */
        void chunk(int[] ids, int length, int distinct);
    }

    private final LongIntHashMap idOfKey = new LongIntHashMap(1 << 16, -1);
    private final ChunkHandler handler;
    private int[] current = new int[CHUNK];
    private int fill;
    private long requests;

    DenseTrace(ChunkHandler handler) {
        this.handler = handler;
    }

    /** A trace kept whole in memory, chunk by chunk. */
    static final class Whole implements ChunkHandler {
        final List<int[]> chunks = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();

        @Override
        public void chunk(int[] ids, int length, int distinct) {
            chunks.add(ids);
            lengths.add(length);
        }
    }

    @Override
    public void accept(long key) {
        int id = idOfKey.get(key);
        if (id < 0) {
            id = idOfKey.size();
            idOfKey.put(key, id);
        }
        if (fill == CHUNK) {
            handler.chunk(current, fill, idOfKey.size());
            current = new int[CHUNK];
            fill = 0;
        }
        current[fill++] = id;
        requests++;
    }

    @Override
    public void block(int[] ids, int length, long[] keys, int distinct) {
        int[] global = new int[distinct];
        for (int j = 0; j < distinct; j++) {
            int id = idOfKey.get(keys[j]);
            if (id < 0) {
                id = idOfKey.size();
                idOfKey.put(keys[j], id);
            }
            global[j] = id;
        }
        for (int i = 0; i < length; i++) {
            ids[i] = global[ids[i]];
        }
        requests += length;
        if (fill == 0 && length == CHUNK) {
            handler.chunk(ids, length, idOfKey.size());
            return;
        }
        for (int i = 0; i < length; i++) {
            if (fill == CHUNK) {
                handler.chunk(current, fill, idOfKey.size());
                current = new int[CHUNK];
                fill = 0;
            }
            current[fill++] = ids[i];
        }
    }

    /** Hands over the last, partial chunk; call once after the last key. */
    void finish() {
        if (fill > 0) {
            handler.chunk(current, fill, idOfKey.size());
            fill = 0;
        }
    }

    /** Requests decoded. */
    long requests() {
        return requests;
    }

    /** Distinct keys seen. */
    int distinct() {
        return idOfKey.size();
    }
}
