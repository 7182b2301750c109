package org.mmsim.tools.machine;

import java.util.PriorityQueue;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.SimEvent;
import org.mmsim.api.time.Timers;

/**
 * The machine's simulated clock and timer queue: time moves only when {@link #advance(long)} moves it, and the
 * events due on the way run in time order, ties in the order they were scheduled (a sequence number breaks them),
 * so the same run always takes the same path.
 */
public final class EventLoop implements SimClock, Timers {
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private record Pending(long due, long sequence, SimEvent event) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void schedule(long delayNanos, SimEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("schedule of a null event");
        }
        queue.add(new Pending(due("delay", delayNanos), sequence++, event));
    }

    /** Moves time forward by {@code nanos}, running every event that falls due on the way, at its own time. */
    public void advance(long nanos) {
        long until = due("advance", nanos);
        while (!queue.isEmpty() && queue.peek().due() <= until) {
            Pending next = queue.poll();
            now = next.due();
            next.event().fire(now);
        }
        // A task that slept inside an event (a nested advance) may already have moved time past until.
        now = Math.max(now, until);
    }

    /** The time {@code nanos} from now, which must be 0 or more and inside the clock's range of 2^63 ns. */
    private long due(String what, long nanos) {
        if (nanos < 0 || nanos > Long.MAX_VALUE - now) {
            throw new IllegalArgumentException(what + " " + nanos + " ns; expected 0 to " + (Long.MAX_VALUE - now));
        }
        return now + nanos;
    }

    @Override
    public void sleep(long nanos) {
        advance(nanos);
    }

    /** Events scheduled and not yet run. */
    public int pending() {
        return queue.size();
    }
}
