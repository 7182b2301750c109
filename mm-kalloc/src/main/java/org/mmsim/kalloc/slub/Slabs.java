package org.mmsim.kalloc.slub;

import java.util.Arrays;

/**
 * Every slab of the machine ({@code struct slab}, overlaid on the first {@code struct page} of its run), as parallel
 * arrays indexed by a slab id: where it is, its cache, its objects, how many are in use, its freelist (object indices
 * linked through an int array, -1 at the end, newest free first as SLUB's is), a bitmap of the objects handed out
 * (so a double free is found without walking the freelist), its state, and its links on a partial list. Ids of
 * freed slabs are reused.
 */
final class Slabs {
    static final byte UNUSED = 0;
    /** Frozen as some CPU's active slab. */
    static final byte CPU = 1;
    /** On its node's partial list. */
    static final byte PARTIAL = 2;
    /** Every object in use: on no list, as SLUB keeps full slabs untracked. */
    static final byte FULL = 3;

    long[] base = new long[64];
    long[] pfn = new long[64];
    int[] cache = new int[64];
    int[] order = new int[64];
    int[] objects = new int[64];
    int[] inuse = new int[64];
    int[] free = new int[64];
    int[] node = new int[64];
    int[] prev = new int[64];
    int[] next = new int[64];
    byte[] state = new byte[64];
    int[][] freelist = new int[64][];
    long[][] used = new long[64][];
    DebugSlab[] debug = new DebugSlab[64];
    private int count;
    private int[] spare = new int[16];
    private int spares;

    /** A new slab with every object free, in address order, as {@code shuffle_freelist()} off leaves it. */
    int create(int cacheId, long firstPfn, long address, int slabOrder, int nrObjects, int nid) {
        int id;
        if (spares > 0) {
            id = spare[--spares];
        } else {
            id = count++;
            if (id == base.length) {
                grow(id * 2);
            }
        }
        base[id] = address;
        pfn[id] = firstPfn;
        cache[id] = cacheId;
        order[id] = slabOrder;
        objects[id] = nrObjects;
        inuse[id] = 0;
        node[id] = nid;
        prev[id] = -1;
        next[id] = -1;
        int[] links = new int[nrObjects];
        for (int i = 0; i < nrObjects; i++) {
            links[i] = i + 1;
        }
        links[nrObjects - 1] = -1;
        freelist[id] = links;
        free[id] = 0;
        used[id] = new long[(nrObjects + 63) >>> 6];
        return id;
    }

    /** Forgets a slab whose pages went back to the page allocator. */
    void release(int id) {
        state[id] = UNUSED;
        freelist[id] = null;
        used[id] = null;
        debug[id] = null;
        if (spares == spare.length) {
            spare = Arrays.copyOf(spare, spares * 2);
        }
        spare[spares++] = id;
    }

    /**
     * {@code add_partial()}: onto its node's partial list of {@code k}, at the tail (a full slab a free made partial,
     * as {@code __slab_free()} does) or at the head (a flushed CPU slab, as {@code deactivate_slab()} does).
     */
    void addPartial(KmemCache k, int id, boolean tail) {
        int n = node[id];
        state[id] = PARTIAL;
        if (k.partialHead[n] < 0) {
            prev[id] = -1;
            next[id] = -1;
            k.partialHead[n] = id;
            k.partialTail[n] = id;
        } else if (tail) {
            int last = k.partialTail[n];
            next[last] = id;
            prev[id] = last;
            next[id] = -1;
            k.partialTail[n] = id;
        } else {
            int first = k.partialHead[n];
            prev[first] = id;
            next[id] = first;
            prev[id] = -1;
            k.partialHead[n] = id;
        }
        k.nrPartial[n]++;
    }

    /** {@code remove_partial()}: off its node's partial list of {@code k}. */
    void removePartial(KmemCache k, int id) {
        int n = node[id];
        int p = prev[id];
        int x = next[id];
        if (p >= 0) {
            next[p] = x;
        } else {
            k.partialHead[n] = x;
        }
        if (x >= 0) {
            prev[x] = p;
        } else {
            k.partialTail[n] = p;
        }
        prev[id] = -1;
        next[id] = -1;
        k.nrPartial[n]--;
    }

    /** Slab ids handed out so far (some may be unused): the range to scan. */
    int limit() {
        return count;
    }

    boolean isUsed(int id, int object) {
        return (used[id][object >>> 6] & (1L << object)) != 0;
    }

    private void grow(int n) {
        base = Arrays.copyOf(base, n);
        pfn = Arrays.copyOf(pfn, n);
        cache = Arrays.copyOf(cache, n);
        order = Arrays.copyOf(order, n);
        objects = Arrays.copyOf(objects, n);
        inuse = Arrays.copyOf(inuse, n);
        free = Arrays.copyOf(free, n);
        node = Arrays.copyOf(node, n);
        prev = Arrays.copyOf(prev, n);
        next = Arrays.copyOf(next, n);
        state = Arrays.copyOf(state, n);
        freelist = Arrays.copyOf(freelist, n);
        used = Arrays.copyOf(used, n);
        debug = Arrays.copyOf(debug, n);
    }
}
