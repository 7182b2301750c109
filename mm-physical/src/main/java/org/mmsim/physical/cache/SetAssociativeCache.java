package org.mmsim.physical.cache;

import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * One set-associative cache array, struct-of-arrays: per way a tag (the whole line number, so a tag alone names its
 * line; real arrays keep only the bits above the set index), a dirty bit and, for true LRU, the stamp of its last
 * use; per set, for tree pseudo-LRU, the ways − 1 bits of the tree. The set of a line is its line number's low bits
 * (bit selection). An empty way is filled before any line is evicted. Nothing here allocates after construction.
 */
final class SetAssociativeCache {
    /** The tag of an empty way: no line number reaches it (addresses are shifted right by at least four bits). */
    static final long EMPTY = CacheHierarchy.NO_LINE;
    /** The most lines one array may hold: 2^26, a 4 GiB cache of 64-byte lines. */
    private static final long MAX_LINES = 1L << 26;

    private final String name;
    private final int ways;
    private final int setMask;
    private final int lineShift;
    private final boolean lru;
    private final long[] tags;
    private final long[] stamps;
    private final long[] treeBits;
    private final boolean[] dirty;
    private final int treeLevels;
    private long clock;
    private long victim = EMPTY;
    private boolean victimDirty;

    SetAssociativeCache(CacheSpec spec) {
        name = spec.name();
        ways = spec.geometry().ways();
        int sets = spec.geometry().sets();
        long lines = (long) sets * ways;
        if (lines > MAX_LINES) {
            throw new IllegalArgumentException(name + " " + spec.geometry() + ": more than " + MAX_LINES
                    + " lines is more than the simulator holds");
        }
        setMask = sets - 1;
        lineShift = spec.geometry().lineShift();
        lru = spec.replacement() == CacheReplacement.LRU;
        tags = new long[(int) lines];
        java.util.Arrays.fill(tags, EMPTY);
        dirty = new boolean[(int) lines];
        // A direct-mapped array has no choice to make: no stamps (cachegrind's default LL is 4 Mi lines of one way).
        stamps = lru && ways > 1 ? new long[(int) lines] : null;
        treeBits = lru ? null : new long[sets];
        treeLevels = Integer.numberOfTrailingZeros(ways);
    }

    String name() {
        return name;
    }

    /** log2 of the line size. */
    int lineShift() {
        return lineShift;
    }

    /** The set a line maps to. */
    int setOf(long line) {
        return (int) line & setMask;
    }

    int ways() {
        return ways;
    }

    int sets() {
        return setMask + 1;
    }

    /**
     * References a line: on a hit it becomes the most recently used (and dirty if {@code write}); on a miss it is
     * installed in the set's empty way or in place of the replacement policy's victim, which {@link #victim()} then
     * names.
     *
     * @return whether the line was there
     */
    boolean access(long line, boolean write) {
        int base = setOf(line) * ways;
        victim = EMPTY;
        for (int i = base, end = base + ways; i < end; i++) {
            if (tags[i] == line) {
                touch(base, i - base);
                if (write) {
                    dirty[i] = true;
                }
                return true;
            }
        }
        int way = chooseVictim(base);
        int i = base + way;
        victim = tags[i];
        victimDirty = dirty[i];
        tags[i] = line;
        dirty[i] = write;
        touch(base, way);
        return false;
    }

    /** The line the last {@link #access} evicted, or {@link #EMPTY} if it hit or filled an empty way. */
    long victim() {
        return victim;
    }

    /** Whether that line was dirty: the eviction was a write-back. */
    boolean victimDirty() {
        return victimDirty;
    }

    /** Whether the array holds the line. */
    boolean contains(long line) {
        return wayOf(line) >= 0;
    }

    /**
     * Marks a held line dirty without changing its recency, as a write-back from an inner level does.
     *
     * @return whether the line was held
     */
    boolean markDirty(long line) {
        int i = wayOf(line);
        if (i < 0) {
            return false;
        }
        dirty[i] = true;
        return true;
    }

    /**
     * Clears a held line's dirty bit, as a Modified line another CPU reads becomes Shared once written back.
     *
     * @return whether the line was held dirty
     */
    boolean markClean(long line) {
        int i = wayOf(line);
        if (i < 0 || !dirty[i]) {
            return false;
        }
        dirty[i] = false;
        return true;
    }

    /**
     * Drops a line (back-invalidation by an inclusive outer level, or another CPU's write).
     *
     * @return whether it was held dirty, so that its data must go to memory
     */
    boolean invalidate(long line) {
        int i = wayOf(line);
        if (i < 0) {
            return false;
        }
        boolean wasDirty = dirty[i];
        tags[i] = EMPTY;
        dirty[i] = false;
        return wasDirty;
    }

    /**
     * The line a way of a set holds, or {@link #EMPTY}: for tests and views.
     *
     * @throws IllegalArgumentException for a set or way the array does not have
     */
    long lineAt(int set, int way) {
        if (set < 0 || set > setMask || way < 0 || way >= ways) {
            throw new IllegalArgumentException(name + ": set " + set + ", way " + way + "; expected a set from 0 to "
                    + setMask + " and a way from 0 to " + (ways - 1));
        }
        return tags[set * ways + way];
    }

    /**
     * The array of a data-side level, as {@link CacheHierarchy#line} and {@link CacheHierarchy#victim} number them.
     *
     * @param dataSide the first-level data cache, then the outer levels outwards
     * @throws IllegalArgumentException for a level there is not
     */
    static SetAssociativeCache dataLevel(SetAssociativeCache[] dataSide, int level) {
        if (level < 1 || level > dataSide.length) {
            throw new IllegalArgumentException("cache level " + level + "; expected 1 (the first-level data cache) to "
                    + dataSide.length);
        }
        return dataSide[level - 1];
    }

    /** Whether a held line is dirty. */
    boolean isDirty(long line) {
        int i = wayOf(line);
        return i >= 0 && dirty[i];
    }

    private int wayOf(long line) {
        int base = setOf(line) * ways;
        for (int i = base, end = base + ways; i < end; i++) {
            if (tags[i] == line) {
                return i;
            }
        }
        return -1;
    }

    private int chooseVictim(int base) {
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == EMPTY) {
                return w;
            }
        }
        if (lru) {
            int oldest = 0;
            for (int w = 1; w < ways; w++) {
                if (stamps[base + w] < stamps[base + oldest]) {
                    oldest = w;
                }
            }
            return oldest;
        }
        // Follow the tree's bits from the root (node 1) to a leaf; leaves ways..2*ways-1 are the ways.
        long bits = treeBits[base / ways];
        int node = 1;
        for (int level = 0; level < treeLevels; level++) {
            node = node << 1 | (int) (bits >>> node & 1);
        }
        return node - ways;
    }

    private void touch(int base, int way) {
        if (lru) {
            if (stamps != null) {
                stamps[base + way] = ++clock;
            }
            return;
        }
        // Every node on the path to the way points to the other half: bit 1 means "the victim is on the right".
        int set = base / ways;
        long bits = treeBits[set];
        int node = 1;
        for (int level = treeLevels - 1; level >= 0; level--) {
            int right = way >>> level & 1;
            bits = right == 0 ? bits | 1L << node : bits & ~(1L << node);
            node = node << 1 | right;
        }
        treeBits[set] = bits;
    }
}
