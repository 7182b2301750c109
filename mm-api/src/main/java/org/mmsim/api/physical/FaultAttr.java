package org.mmsim.api.physical;

/**
 * The fault-injection attributes of {@code fail_page_alloc} (Documentation/fault-injection/fault-injection.rst,
 * lib/fault-inject.c), so callers' failure paths can be tested: with probability {@code probability} percent, on
 * every {@code interval}-th eligible call, at most {@code times} times (-1: no limit), after {@code space} pages
 * have been allowed, an allocation of at least {@code minOrder} fails. Decisions are drawn from the machine's seed,
 * so a run fails the same calls every time.
 *
 * @param probability percent of eligible calls that fail (0 disables injection)
 * @param interval fail only every interval-th eligible call (1: any)
 * @param times failures left, -1 for no limit
 * @param space pages allowed to succeed before failures start
 * @param minOrder the smallest order that may fail
 * @param ignoreGfpWait never fail allocations that may sleep (direct reclaim allowed)
 * @param ignoreGfpHighmem never fail __GFP_HIGHMEM allocations
 */
public record FaultAttr(int probability, long interval, long times, long space, int minOrder, boolean ignoreGfpWait,
                        boolean ignoreGfpHighmem) {
    public FaultAttr {
        if (probability < 0 || probability > 100) {
            throw new IllegalArgumentException("probability " + probability + "; expected 0 to 100 (percent)");
        }
        if (interval < 1) {
            throw new IllegalArgumentException("interval " + interval + "; expected 1 or more");
        }
        if (times < -1 || space < 0 || minOrder < 0) {
            throw new IllegalArgumentException("times " + times + ", space " + space + ", min-order " + minOrder
                    + "; expected times >= -1, space >= 0, min-order >= 0");
        }
    }

    /** Injection off, the kernel's defaults otherwise ({@code FAULT_ATTR_INITIALIZER}; min-order 1; ignore flags Y). */
    public static FaultAttr disabled() {
        return new FaultAttr(0, 1, 1, 0, 1, true, true);
    }
}
