package org.mmsim.tools.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheSpec;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;

/**
 * The other tools a Linux user reads the hardware with: glibc's {@code getconf} of the cache and memory variables
 * ({@code sysconf()}, which reads the caches from cpuid as /sys shows them), and {@code numactl --hardware}: each
 * node's CPUs, size and free memory (its /sys/devices/system/node/nodeN/meminfo) and the SLIT distance table.
 */
public final class HardwareViews {
    private HardwareViews() {
    }

    /** The variables {@code getconf NAME} knows, with their values on {@code config}'s machine. */
    public static Map<String, Long> getconf(MachineConfig config, PhysicalMemory memory) {
        Map<String, Long> values = new LinkedHashMap<>();
        CpuTopology topology = new CpuTopology(config);
        cache(values, "LEVEL1_ICACHE", Optional.of(config.cpu().caches().l1i()));
        cache(values, "LEVEL1_DCACHE", Optional.of(config.cpu().caches().l1d()));
        List<CacheSpec> caches = topology.caches();
        cache(values, "LEVEL2_CACHE", config.cpu().caches().l2());
        cache(values, "LEVEL3_CACHE", caches.size() == 4 ? Optional.of(caches.get(3)) : Optional.empty());
        cache(values, "LEVEL4_CACHE", Optional.empty());
        values.put("PAGESIZE", (long) MachineConfig.PAGE_SIZE);
        values.put("PAGE_SIZE", (long) MachineConfig.PAGE_SIZE);
        values.put("_NPROCESSORS_CONF", (long) config.cpus());
        values.put("_NPROCESSORS_ONLN", (long) config.cpus());
        values.put("_PHYS_PAGES", memory.totalRamPages());
        values.put("_AVPHYS_PAGES", memory.freePages());
        return values;
    }

    private static void cache(Map<String, Long> values, String prefix, Optional<CacheSpec> cache) {
        values.put(prefix + "_SIZE", cache.map(c -> c.geometry().size()).orElse(0L));
        values.put(prefix + "_ASSOC", cache.map(c -> (long) c.geometry().ways()).orElse(0L));
        values.put(prefix + "_LINESIZE", cache.map(c -> (long) c.geometry().lineSize()).orElse(0L));
    }

    /** {@code numactl --hardware} (numactl's hardware()): sizes and free memory in MB, distances {@code % 3d}. */
    public static String numactlHardware(MachineConfig config, PhysicalMemory memory) {
        CpuTopology topology = new CpuTopology(config);
        int nodes = config.nodes();
        StringBuilder out = new StringBuilder();
        out.append("available: ").append(nodes).append(" nodes (").append(nodes == 1 ? "0" : "0-" + (nodes - 1))
                .append(")\n");
        for (int node = 0; node < nodes; node++) {
            long managed = 0;
            long free = 0;
            for (ZoneInfo zone : memory.zones()) {
                if (zone.node() == node) {
                    managed += zone.managed();
                    free += zone.freePages();
                }
            }
            out.append("node ").append(node).append(" cpus:");
            topology.cpusOf(node).forEach(cpu -> out.append(' ').append(cpu));
            out.append('\n');
            out.append("node ").append(node).append(" size: ").append(managed >> 8).append(" MB\n");
            out.append("node ").append(node).append(" free: ").append(free >> 8).append(" MB\n");
        }
        out.append("node distances:\nnode ");
        for (int node = 0; node < nodes; node++) {
            out.append(String.format("% 3d ", node));
        }
        out.append('\n');
        for (int from = 0; from < nodes; from++) {
            out.append(String.format("% 3d: ", from));
            for (int to = 0; to < nodes; to++) {
                out.append(String.format("% 3d ", config.distance().distance(from, to)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
