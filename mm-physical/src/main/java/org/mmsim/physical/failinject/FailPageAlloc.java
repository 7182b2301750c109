package org.mmsim.physical.failinject;

import java.util.SplittableRandom;
import org.mmsim.api.physical.FaultAttr;
import org.mmsim.api.physical.Gfp;

/**
 * {@code fail_page_alloc}: fails page allocations on purpose, as mm/fail_page_alloc.c and lib/fault-inject.c decide
 * it, so a caller's failure path can be exercised. The random draws come from the machine's seed.
 */
public final class FailPageAlloc {
    private final SplittableRandom random;
    private FaultAttr attr = FaultAttr.disabled();
    private long count;
    private long times;
    private long space;

    public FailPageAlloc(long seed) {
        random = new SplittableRandom(seed ^ 0x5deece66dL);
        set(attr);
    }

    /** The attributes, as last written. */
    public FaultAttr attributes() {
        return attr;
    }

    /** Writes the attributes; the counters (times left, space left) start again from them. */
    public void set(FaultAttr attributes) {
        attr = attributes;
        times = attributes.times();
        space = attributes.space();
        count = 0;
    }

    /**
     * {@code should_fail_alloc_page()} then {@code should_fail_ex()}: the eligibility checks of the page
     * allocator, then times, space, interval and probability, in the kernel's order.
     */
    public boolean shouldFail(int gfp, int order) {
        if (order < attr.minOrder() || (gfp & Gfp.__GFP_NOFAIL) != 0) {
            return false;
        }
        if (attr.ignoreGfpHighmem() && (gfp & Gfp.__GFP_HIGHMEM) != 0) {
            return false;
        }
        if (attr.ignoreGfpWait() && (gfp & Gfp.__GFP_DIRECT_RECLAIM) != 0) {
            return false;
        }
        if (attr.probability() == 0 || times == 0) {
            return false;
        }
        long size = 1L << order;
        if (space > size) {
            space -= size;
            return false;
        }
        if (attr.interval() > 1) {
            count++;
            if (count % attr.interval() != 0) {
                return false;
            }
        }
        if (attr.probability() <= random.nextInt(100)) {
            return false;
        }
        if (times != -1) {
            times--;
        }
        return true;
    }
}
