package org.mmsim.reclaim.oom;

import org.mmsim.api.KernelLog;
import org.mmsim.api.time.SimClock;

/**
 * {@code struct ratelimit_state} and {@code ___ratelimit()} (include/linux/ratelimit_types.h, lib/ratelimit.c of
 * Linux 6.18): at most {@code burst} callbacks in every {@code interval} jiffies. The first call opens an interval;
 * the first call after it has run out opens the next and, if callbacks were suppressed in the one before, logs
 * {@code FUNC: N callbacks suppressed} first, as {@code printk_deferred()} does. A machine runs on one thread, so
 * the lock-contended path of the kernel never happens.
 */
final class RatelimitState {
    /** {@code DEFAULT_RATELIMIT_INTERVAL}: five seconds. */
    static final int DEFAULT_RATELIMIT_INTERVAL = 5 * SimClock.HZ;
    /** {@code DEFAULT_RATELIMIT_BURST}. */
    static final int DEFAULT_RATELIMIT_BURST = 10;

    private final SimClock clock;
    private final KernelLog log;
    private final int interval;
    private final int burst;
    private boolean initialized;
    private long begin;
    private int left;
    private int missed;

    /** {@code DEFINE_RATELIMIT_STATE(name, interval, burst)}, logging its suppressed count to {@code log}. */
    RatelimitState(SimClock clock, KernelLog log, int interval, int burst) {
        this.clock = clock;
        this.log = log;
        this.interval = interval;
        this.burst = burst;
    }

    /** {@code __ratelimit()} called from {@code func}: true to go ahead, false if the callback is suppressed. */
    boolean ratelimit(String func) {
        // A zero interval never limits; otherwise a burst of zero always does.
        if (interval <= 0 || burst <= 0) {
            return interval == 0 || burst > 0;
        }
        long jiffies = clock.jiffies();
        if (!initialized) {
            begin = jiffies;
            initialized = true;
            left = burst;
        }
        // time_is_before_jiffies(begin + interval): the interval has run out.
        if (jiffies > begin + interval) {
            left = burst;
            begin = jiffies;
            if (missed > 0) {
                log.printk(func + ": " + missed + " callbacks suppressed");
                missed = 0;
            }
        }
        if (left > 0) {
            left--;
            return true;
        }
        missed++;
        return false;
    }
}
