package org.mmsim.api.time;

/**
 * Simulated time: the kernel's {@code jiffies} and {@code ktime_get()}. It starts at zero when the machine boots
 * and moves only when the simulation moves it, so a run never depends on the host's clock.
 */
public interface SimClock {
    /** Timer ticks per second ({@code CONFIG_HZ}; 250, as Debian's x86-64 kernels are built). */
    int HZ = 250;
    /** Clock ticks per second that /proc reports to user space ({@code USER_HZ}). */
    int USER_HZ = 100;
    /** Nanoseconds in a second. */
    long NANOS_PER_SECOND = 1_000_000_000L;

    /** Nanoseconds since boot ({@code ktime_get_boottime_ns()}). */
    long nanos();

    /** Ticks since boot ({@code jiffies}, counted from zero rather than from INITIAL_JIFFIES). */
    default long jiffies() {
        return nanos() / (NANOS_PER_SECOND / HZ);
    }
}
