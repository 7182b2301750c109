package org.mmsim.tools.hw;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheSpec;

/**
 * {@code /sys/devices/system/cpu/cpuN/cache/indexM/ATTR}: each cache of each CPU as drivers/base/cacheinfo.c shows
 * it — {@code level}, {@code type} (Data, Instruction, Unified), {@code size} (in K), {@code ways_of_associativity},
 * {@code coherency_line_size}, {@code number_of_sets}, {@code physical_line_partition}, {@code shared_cpu_list},
 * {@code shared_cpu_map} and {@code id}.
 */
public final class SysCpuCache {
    /** A path of one attribute: groups are the CPU, the index and the attribute. */
    public static final Pattern PATH = Pattern.compile("/sys/devices/system/cpu/cpu(\\d+)/cache/index(\\d+)/([a-z_]+)");
    /** The attributes, in the order ls lists them. */
    public static final List<String> ATTRIBUTES = List.of("coherency_line_size", "id", "level", "number_of_sets",
            "physical_line_partition", "shared_cpu_list", "shared_cpu_map", "size", "type", "ways_of_associativity");

    private SysCpuCache() {
    }

    /**
     * The file at {@code path} on a machine of {@code config}, with its line's end.
     *
     * @throws IllegalArgumentException for a CPU, index or attribute the machine does not have, naming what it has
     */
    public static String read(MachineConfig config, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("no such file '" + path + "'; expected /sys/devices/system/cpu/cpuN/cache/"
                    + "indexM/ATTR");
        }
        CpuTopology topology = new CpuTopology(config);
        int cpu = parse(m.group(1), config.cpus(), path, "cpu0 to cpu" + (config.cpus() - 1));
        List<CacheSpec> caches = topology.caches();
        int index = parse(m.group(2), caches.size(), path, "index0 to index" + (caches.size() - 1));
        CacheSpec cache = caches.get(index);
        CacheGeometry g = cache.geometry();
        String attribute = m.group(3);
        String value = switch (attribute) {
            case "coherency_line_size" -> String.valueOf(g.lineSize());
            case "id" -> String.valueOf(topology.id(cpu, index));
            case "level" -> cache.name().substring(1, 2);
            case "number_of_sets" -> String.valueOf(g.size() / g.lineSize() / g.ways());
            case "physical_line_partition" -> "1";
            case "shared_cpu_list" -> CpuTopology.kernelList(topology.sharing(cpu, index));
            case "shared_cpu_map" -> CpuTopology.kernelMask(topology.sharing(cpu, index), config.cpus());
            case "size" -> (g.size() >> 10) + "K";
            case "type" -> type(cache);
            case "ways_of_associativity" -> String.valueOf(g.ways());
            default -> throw new IllegalArgumentException("no such file '" + path + "'" + org.mmsim.spi.NearestName
                    .expected(path, ATTRIBUTES.stream().map(a -> path.substring(0, path.lastIndexOf('/') + 1) + a).toList()));
        };
        return value + "\n";
    }

    /** Data, Instruction or Unified. */
    static String type(CacheSpec cache) {
        return cache.name().endsWith("d") ? "Data" : cache.name().endsWith("i") ? "Instruction" : "Unified";
    }

    private static int parse(String digits, int limit, String path, String expected) {
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n >= limit) {
            throw new IllegalArgumentException("no such file '" + path + "'; expected " + expected);
        }
        return n;
    }
}
