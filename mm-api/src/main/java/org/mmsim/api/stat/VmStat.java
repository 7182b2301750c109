package org.mmsim.api.stat;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * A copy of every counter by its kernel name ({@code pgfault}, {@code nr_free_pages}), in /proc/vmstat's order.
     * The items /proc/vmstat computes as it is read ({@code nr_dirty_threshold}) are counters here too: read the
     * file ({@code machine.proc().read("/proc/vmstat")}) for what a real kernel prints.
     */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (VmItem item : VmItem.values()) {
            map.put(item.kernelName(), values[item.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Every counter as {@code name value} lines in /proc/vmstat's order, as {@link #asMap()} has them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (VmItem item : VmItem.values()) {
            text.append(item.kernelName()).append(' ').append(values[item.ordinal()]).append('\n');
        }
        return text.toString();
    }
}
