package org.mmsim.api.time;

/**
 * Work that runs at a point of simulated time: a kernel timer or delayed work item ({@code struct timer_list},
 * {@code struct delayed_work}).
 */
@FunctionalInterface
public interface SimEvent {
    /** Runs the work; {@code nowNanos} is the simulated time it was due at. */
    void fire(long nowNanos);
}
