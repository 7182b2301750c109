package org.mmsim.api.time;

/**
 * Schedules {@link SimEvent}s in simulated time, like {@code mod_timer()} and {@code queue_delayed_work()}.
 * Events due at the same time run in the order they were scheduled, so a run is reproducible.
 */
public interface Timers {
    /**
     * Runs {@code event} once, {@code delayNanos} after now.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    void schedule(long delayNanos, SimEvent event);

    /**
     * The running task sleeps {@code nanos} ({@code io_schedule_timeout()}): simulated time passes, and the events
     * due on the way run at their own time (the flusher, I/O completions), before the call returns.
     *
     * @throws IllegalArgumentException if the time is negative
     */
    void sleep(long nanos);
}
