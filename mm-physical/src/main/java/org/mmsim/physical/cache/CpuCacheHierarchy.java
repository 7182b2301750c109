package org.mmsim.physical.cache;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheLevelStats;

/**
 * One CPU's caches as the machine models them: L1i and L1d, an optional L2 and the last level, all write-back and
 * write-allocate with one line size. An access looks up each line it touches in its first-level cache, and on a miss
 * in each outer level in turn until one holds the line; every level it missed in installs it. A dirty line a level
 * evicts is written back to the next level that holds it (marking it dirty there, without allocating), or to memory.
 * An inclusive last level, when it evicts a line, invalidates the copies inside it (back-invalidation), a dirty copy
 * going to memory. The prefetcher (next-line, or stride when the last two L1d misses repeat one, within the 4 KiB page) runs on each L1d
 * demand miss and installs its line at every level, counted as a prefetch and not as a reference. A modify ({@code M})
 * counts as a write: it dirties the line, as the store that ends it does.
 *
 * <p>On a machine the last level is shared by a group of CPUs and the hierarchies keep coherent through
 * {@link Coherence}: a write to a line this CPU does not hold dirty invalidates the other CPUs' copies, and a read (or
 * a prefetch) that misses the private levels takes a Modified copy from another CPU; either is a transfer when the
 * other copy was Modified. Alone, a hierarchy has its own last level and nobody to snoop.
 */
final class CpuCacheHierarchy implements CacheHierarchy {
    private static final int FIELDS = 8;
    private static final int FETCHES = 0;
    private static final int READS = 2;
    private static final int WRITES = 4;
    private static final int WRITEBACKS = 6;
    private static final int PREFETCHES = 7;

    private final SetAssociativeCache l1i;
    private final SetAssociativeCache l1d;
    // The levels outside the first, innermost first; the last one is the last level.
    private final SetAssociativeCache[] outer;
    // L1d, then the outer levels: the data side, as line() and victim() number it.
    private final SetAssociativeCache[] dataSide;
    private final boolean inclusive;
    private final StridePrefetcher prefetcher;
    private final int lineShift;
    // log2 of the lines in a 4 KiB page.
    private final int pageShift;
    // Per level (0 = L1i, 1 = L1d, 2.. = outer): fetches, their misses, reads, misses, writes, misses, write-backs,
    // prefetches.
    private final long[] counts;
    private final Coherence coherence;
    private long memoryWrites;
    private long transfers;
    private boolean transferred;

    /** A hierarchy alone, with a last level of its own. */
    CpuCacheHierarchy(CacheHierarchySpec spec) {
        this(spec, new SetAssociativeCache(spec.llc()), Coherence.ALONE);
    }

    /** A CPU's hierarchy on a machine: its private levels, the last level {@code llc} it shares, and its snoops. */
    CpuCacheHierarchy(CacheHierarchySpec spec, SetAssociativeCache llc, Coherence coherence) {
        this.coherence = coherence;
        l1i = new SetAssociativeCache(spec.l1i());
        l1d = new SetAssociativeCache(spec.l1d());
        List<SetAssociativeCache> out = new ArrayList<>();
        spec.l2().ifPresent(c -> out.add(new SetAssociativeCache(c)));
        out.add(llc);
        outer = out.toArray(new SetAssociativeCache[0]);
        out.add(0, l1d);
        dataSide = out.toArray(new SetAssociativeCache[0]);
        inclusive = spec.inclusive();
        prefetcher = spec.prefetch() ? new StridePrefetcher() : null;
        lineShift = spec.llc().geometry().lineShift();
        pageShift = Math.max(0, 12 - lineShift);
        counts = new long[(2 + outer.length) * FIELDS];
    }

    @Override
    public int access(int kind, long address, int size) {
        if (kind < FETCH || kind > MODIFY) {
            throw new IllegalArgumentException("access kind " + kind + "; expected FETCH, LOAD, STORE or MODIFY");
        }
        if (size < 1) {
            throw new IllegalArgumentException("an access of " + size + " bytes; expected at least 1");
        }
        int field = kind == FETCH ? FETCHES : kind == LOAD ? READS : WRITES;
        long first = address >>> lineShift;
        long last = (address + size - 1) >>> lineShift;
        transferred = false;
        int served = 1;
        boolean missed = false;
        for (long line = first; line <= last; line++) {
            int level = line(kind, field, line);
            missed |= level > 1;
            served = Math.max(served, level);
        }
        // One reference at the first level, one miss if any of its lines missed (cachegrind's rule for straddling).
        int l1 = kind == FETCH ? 0 : 1;
        counts[l1 * FIELDS + field]++;
        if (missed) {
            counts[l1 * FIELDS + field + 1]++;
        }
        return served;
    }

    private int line(int kind, int field, long line) {
        boolean write = kind == STORE || kind == MODIFY;
        if (write && !l1d.isDirty(line) && coherence.invalidateOthers(this, line)) {
            transfer();
        }
        SetAssociativeCache l1 = kind == FETCH ? l1i : l1d;
        if (l1.access(line, write)) {
            return 1;
        }
        evicted(kind == FETCH ? 0 : 1, l1);
        int served = fill(field, line, false);
        if (prefetcher != null && kind != FETCH) {
            long next = prefetcher.miss(line);
            // A prefetcher works on physical addresses and stops at the 4 KiB page's end: the next page's frame is
            // anywhere (Intel's optimization manual says so of its L1 and L2 prefetchers).
            if (next >>> pageShift == line >>> pageShift && !l1d.contains(next)) {
                l1d.access(next, false);
                counts[FIELDS + PREFETCHES]++;
                evicted(1, l1d);
                fill(field, next, true);
            }
        }
        return served;
    }

    /** Looks a line up outwards from the second level; every level that missed installs it. Returns the level. */
    private int fill(int field, long line, boolean prefetch) {
        for (int i = 0; i < outer.length; i++) {
            int at = (2 + i) * FIELDS;
            if (!prefetch) {
                counts[at + field]++;
            }
            // A read leaving the private levels snoops the others; a write's read-for-ownership did so already.
            if (i == outer.length - 1 && (prefetch || field != WRITES) && coherence.shareOthers(this, line)) {
                transfer();
            }
            if (outer[i].access(line, false)) {
                return 2 + i;
            }
            counts[at + (prefetch ? PREFETCHES : field + 1)]++;
            evicted(2 + i, outer[i]);
        }
        return 2 + outer.length;
    }

    /** What a level's last fill evicted: written back if dirty, and back-invalidated inside an inclusive last level. */
    private void evicted(int level, SetAssociativeCache cache) {
        long victim = cache.victim();
        if (victim == SetAssociativeCache.EMPTY) {
            return;
        }
        boolean dirty = cache.victimDirty();
        boolean last = level == 1 + outer.length;
        if (last && inclusive) {
            dirty |= coherence.backInvalidate(this, victim);
        }
        if (!dirty) {
            return;
        }
        counts[level * FIELDS + WRITEBACKS]++;
        writeBack(level < 2 ? 0 : level - 1, victim);
    }

    /** A dirty line leaves a level: the first outer level from {@code from} that holds it takes it, else memory. */
    private void writeBack(int from, long line) {
        for (int i = from; i < outer.length; i++) {
            if (outer[i].markDirty(line)) {
                return;
            }
        }
        memoryWrites++;
    }

    private void transfer() {
        transferred = true;
        transfers++;
    }

    /**
     * Drops a line from the private levels (L1i, L1d and those outside them but the last), for another CPU's write
     * or an inclusive last level's eviction.
     *
     * @return whether a copy was dirty
     */
    boolean invalidatePrivate(long line) {
        boolean dirty = l1i.invalidate(line);
        dirty |= l1d.invalidate(line);
        for (int i = 0; i < outer.length - 1; i++) {
            dirty |= outer[i].invalidate(line);
        }
        return dirty;
    }

    /**
     * Another CPU reads a line: a Modified copy here becomes Shared, its data written back to the last level (or to
     * memory when the last level does not hold it).
     *
     * @return whether there was a Modified copy
     */
    boolean sharePrivate(long line) {
        boolean dirty = l1i.markClean(line);
        dirty |= l1d.markClean(line);
        for (int i = 0; i < outer.length - 1; i++) {
            dirty |= outer[i].markClean(line);
        }
        if (dirty) {
            writeBack(outer.length - 1, line);
        }
        return dirty;
    }

    /** Whether a private level holds the line dirty: Modified, in MESI's words. */
    boolean holdsModified(long line) {
        for (int i = 0; i < outer.length - 1; i++) {
            if (outer[i].isDirty(line)) {
                return true;
            }
        }
        return l1d.isDirty(line) || l1i.isDirty(line);
    }

    /** The last level, which a group of CPUs may share. */
    SetAssociativeCache llc() {
        return outer[outer.length - 1];
    }

    /** Whether the last access took a line from another CPU's Modified copy. */
    boolean transferred() {
        return transferred;
    }

    /** Coherence transfers so far. */
    long transfers() {
        return transfers;
    }

    @Override
    public int levels() {
        return 1 + outer.length;
    }

    @Override
    public long line(int level, int set, int way) {
        return SetAssociativeCache.dataLevel(dataSide, level).lineAt(set, way);
    }

    @Override
    public long victim(int level) {
        return SetAssociativeCache.dataLevel(dataSide, level).victim();
    }

    @Override
    public List<CacheLevelStats> stats() {
        List<CacheLevelStats> stats = new ArrayList<>();
        stats.add(stats(0, l1i.name()));
        stats.add(stats(1, l1d.name()));
        for (int i = 0; i < outer.length; i++) {
            stats.add(stats(2 + i, outer[i].name()));
        }
        return List.copyOf(stats);
    }

    private CacheLevelStats stats(int level, String name) {
        int at = level * FIELDS;
        return new CacheLevelStats(name, counts[at], counts[at + 1], counts[at + 2], counts[at + 3], counts[at + 4],
                counts[at + 5], counts[at + WRITEBACKS], counts[at + PREFETCHES]);
    }

    /** Dirty lines written to memory: write-backs out of the last level and dirty copies it back-invalidated. */
    long memoryWrites() {
        return memoryWrites;
    }

    /** The arrays, innermost first (L1i, L1d, then outwards), for tests. */
    List<SetAssociativeCache> arrays() {
        List<SetAssociativeCache> all = new ArrayList<>(List.of(l1i, l1d));
        all.addAll(List.of(outer));
        return all;
    }
}
