package org.mmsim.plugins.replacement;

import org.mmsim.spi.util.LongIntHashMap;

/**
 * The keys of pages a policy remembers after evicting them: ARC's and CAR's B1 and B2, 2Q's A1out, LIRS's
 * non-resident HIR entries. A fixed pool of ghost nodes numbered from {@code base}, so they can share an
 * {@link org.mmsim.spi.util.IntLinkedLists} with the slots, and a map from key to node; nothing is allocated after
 * construction. The caller links and unlinks the nodes in its own lists.
 */
final class GhostKeys {
    /** No node. */
    static final int NONE = -1;

    private final int base;
    private final long[] keys;
    private final int[] free;
    private int freeCount;
    private final LongIntHashMap nodeOf;

    /**
     * @param base the number of the first ghost node
     * @param limit how many ghosts there may be at once
     */
    GhostKeys(int base, int limit) {
        this.base = base;
        keys = new long[limit];
        free = new int[limit];
        for (int i = 0; i < limit; i++) {
            free[i] = base + limit - 1 - i;
        }
        freeCount = limit;
        nodeOf = new LongIntHashMap(limit, NONE);
    }

    /** The ghost node of {@code key}, or {@link #NONE}. */
    int find(long key) {
        return nodeOf.get(key);
    }

    /** Ghosts remembered now. */
    int size() {
        return nodeOf.size();
    }

    /** Ghost nodes free now. */
    int free() {
        return freeCount;
    }

    /** Whether every ghost node is in use. */
    boolean isFull() {
        return freeCount == 0;
    }

    /** Takes a free node for {@code key} and returns it; the pool must not be full. */
    int remember(long key) {
        int node = free[--freeCount];
        keys[node - base] = key;
        nodeOf.put(key, node);
        return node;
    }

    /** The key a ghost node stands for. */
    long key(int node) {
        return keys[node - base];
    }

    /** Gives a node back; its key is forgotten. */
    void forget(int node) {
        nodeOf.remove(keys[node - base]);
        free[freeCount++] = node;
    }
}
