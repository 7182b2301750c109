package org.mmsim.physical.cache;

import java.util.List;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheLevelStats;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * cachegrind's cache model, rule by rule as valgrind 3.19 has it (cachegrind/cg_sim.c for the simulation,
 * cachegrind/cg_main.c for what becomes a reference), so that a lackey trace of a program gives the counts cachegrind
 * prints for it:
 * <ul>
 * <li>an I1, a D1 and a unified LL, each true LRU over bit-selected sets, write-allocate, with no dirty state (a
 * write counts as a write and otherwise is a read);</li>
 * <li>the LL is referenced only when a first-level cache misses, and holds lines independently of it: its evictions
 * leave the first level alone;</li>
 * <li>an access is one reference even when it straddles two lines; both lines are looked up (first, then second),
 * and it is one miss if either misses; on a first-level miss the LL is referenced with the whole access, so both
 * lines are looked up there too, even the one the first level held;</li>
 * <li>a modify ({@code M}: a load and store of the same bytes by one instruction) is one data read;</li>
 * <li>a data access larger than the smallest line size of the three caches is cut to that size (cachegrind does so
 * for the dirty helpers' large accesses, the only ones that large), so no access spans more than two lines.</li>
 * </ul>
 * One difference is left: cachegrind's tag arrays start zeroed, so the line at address 0 counts as present in every
 * way of set 0 before the run; here sets start empty. No program reaches page 0 (mmap_min_addr), so no trace of one
 * can tell.
 */
final class CachegrindCaches implements CacheHierarchy {
    private final SetAssociativeCache i1;
    private final SetAssociativeCache d1;
    private final SetAssociativeCache ll;
    private final SetAssociativeCache[] dataSide;
    private final int minLineSize;
    // Ir, I1mr, ILmr, Dr, D1mr, DLmr, Dw, D1mw, DLmw: cachegrind's event names.
    private long ir;
    private long i1mr;
    private long ilmr;
    private long dr;
    private long d1mr;
    private long dlmr;
    private long dw;
    private long d1mw;
    private long dlmw;

    CachegrindCaches(CacheGeometry i1, CacheGeometry d1, CacheGeometry ll) {
        this.i1 = new SetAssociativeCache(new CacheSpec("I1", i1, CacheReplacement.LRU));
        this.d1 = new SetAssociativeCache(new CacheSpec("D1", d1, CacheReplacement.LRU));
        this.ll = new SetAssociativeCache(new CacheSpec("LL", ll, CacheReplacement.LRU));
        dataSide = new SetAssociativeCache[] {this.d1, this.ll};
        minLineSize = Math.min(i1.lineSize(), Math.min(d1.lineSize(), ll.lineSize()));
    }

    @Override
    public int access(int kind, long address, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an access of " + size + " bytes; expected at least 1");
        }
        switch (kind) {
            case FETCH:
                ir++;
                if (isMiss(i1, address, size)) {
                    i1mr++;
                    if (isMiss(ll, address, size)) {
                        ilmr++;
                        return 3;
                    }
                    return 2;
                }
                return 1;
            case LOAD:
            case MODIFY:
                dr++;
                return data(address, Math.min(size, minLineSize), false);
            case STORE:
                dw++;
                return data(address, Math.min(size, minLineSize), true);
            default:
                throw new IllegalArgumentException("access kind " + kind + "; expected FETCH, LOAD, STORE or MODIFY");
        }
    }

    private int data(long address, int size, boolean write) {
        if (!isMiss(d1, address, size)) {
            return 1;
        }
        if (write) {
            d1mw++;
        } else {
            d1mr++;
        }
        if (!isMiss(ll, address, size)) {
            return 2;
        }
        if (write) {
            dlmw++;
        } else {
            dlmr++;
        }
        return 3;
    }

    /** cg_sim.c's cachesim_ref_is_miss(): every line of the access is looked up, in order; a miss if any missed. */
    private static boolean isMiss(SetAssociativeCache c, long address, int size) {
        int shift = c.lineShift();
        long first = address >>> shift;
        long last = (address + size - 1) >>> shift;
        boolean miss = !c.access(first, false);
        for (long line = first + 1; line <= last; line++) {
            miss |= !c.access(line, false);
        }
        return miss;
    }

    @Override
    public int levels() {
        return 2;
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
        return List.of(new CacheLevelStats("I1", ir, i1mr, 0, 0, 0, 0, 0, 0),
                new CacheLevelStats("D1", 0, 0, dr, d1mr, dw, d1mw, 0, 0),
                new CacheLevelStats("LL", i1mr, ilmr, d1mr, dlmr, d1mw, dlmw, 0, 0));
    }

    /** The arrays, for tests. */
    SetAssociativeCache i1() {
        return i1;
    }

    SetAssociativeCache d1() {
        return d1;
    }

    SetAssociativeCache ll() {
        return ll;
    }
}
