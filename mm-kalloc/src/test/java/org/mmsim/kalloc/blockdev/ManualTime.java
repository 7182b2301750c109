package org.mmsim.kalloc.blockdev;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.SimEvent;
import org.mmsim.api.time.Timers;

/** A clock and timers for the queue's tests: time moves only by {@link #sleep}, events run in due order, ties FIFO. */
final class ManualTime implements SimClock, Timers {
    private record Due(long at, long seq, SimEvent event) {
    }

    private final List<Due> due = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void schedule(long delayNanos, SimEvent event) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos);
        }
        due.add(new Due(now + delayNanos, seq++, event));
    }

    @Override
    public void sleep(long nanos) {
        long until = now + nanos;
        while (true) {
            Due next = null;
            for (Due d : due) {
                if (d.at <= until && (next == null || d.at < next.at || d.at == next.at && d.seq < next.seq)) {
                    next = d;
                }
            }
            if (next == null) {
                break;
            }
            due.remove(next);
            now = next.at;
            next.event.fire(now);
        }
        now = until;
    }
}
