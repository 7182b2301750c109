package org.mmsim.api.stat;

import java.util.Arrays;

/**
 * The machine-wide counter set behind {@code /proc/vmstat}: Linux's {@code vm_event_states} and the global
 * {@code vm_zone_stat}/{@code vm_node_stat} sums, one {@code long} per {@link VmItem}.
 *
 * <p>A simulation runs on one thread, so the counters are plain array slots: an increment on a hot path costs one
 * array store. A counter is added to in one place, by the layer that owns the event.
 */
public final class VmStat {
    private final long[] values = new long[VmItem.values().length];

    /** A counter set with every item at zero, as at boot. */
    public VmStat() {
    }

    /** Adds one to an item ({@code count_vm_event()}). */
    public void inc(VmItem item) {
        values[item.ordinal()]++;
    }

    /** Adds {@code delta}, which may be negative for state items ({@code mod_node_page_state()}). */
    public void add(VmItem item, long delta) {
        values[item.ordinal()] += delta;
    }

    /** The current value of an item. */
    public long get(VmItem item) {
        return values[item.ordinal()];
    }

    /** A copy of every value, indexed by {@link VmItem#ordinal()}: what a tool reads to compute deltas. */
    public long[] snapshot() {
        return Arrays.copyOf(values, values.length);
    }
}
