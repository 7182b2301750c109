package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.Arch;
import org.mmsim.api.DiskSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.ReplacementScope;
import org.mmsim.api.paging.TlbSpec;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.tools.units.Durations;
import org.mmsim.tools.units.Sizes;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The {@code key=value} words of a {@code machine} line (and of {@code --machine} options), applied to a
 * {@link MachineConfig.Builder}: {@code arch}, {@code ram}, {@code nodes}, {@code cpus}, {@code levels},
 * {@code swap}, {@code movablecore}, {@code thp}, {@code policy}, {@code replacement} ({@code global} or {@code local}),
 * {@code oom}, {@code seed}, and the TLBs: {@code dtlb},
 * {@code itlb}, {@code stlb} ({@code ENTRIESxWAYS}) and {@code pcid} ({@code on} or {@code off}); and
 * {@code slub_debug} (letters such as {@code FZPU}, optionally {@code ,CACHE} names); and the disk: {@code disk} (a preset:
 * {@code virtio}, {@code hdd}, {@code ssd} or {@code nvme}), {@code disk_bw} (bytes a second, such as {@code 500M}) and
 * {@code disk_latency} (per request, such as {@code 8ms}), either of which changes the preset's value, and
 * {@code swap_disk} (a preset too: a second disk, {@code /dev/vdb}, for swap partitions on it); and the
 * processor: {@code cpu} (a preset: {@code skylake-sp} or {@code zen4}), its caches {@code l1d}, {@code l1i},
 * {@code l2}, {@code l3} ({@code SIZE/WAYS}, such as {@code 32K/8}; {@code l2=none}), {@code prefetch} and
 * {@code l3_inclusive} ({@code on} or {@code off}), {@code cache_latency} (cycles of an L1, L2 and L3 hit, such as {@code 4/14/68}) and
 * {@code mem_latency} (a DRAM load, such as {@code 90ns}); and {@code memory} ({@code uma} or {@code numa}) and
 * {@code distance} (the NUMA distance table: {@code ring}, or rows such as {@code 10,21/21,10}).
 */
public final class MachineOptions {
    /** The command-line option that changes the keys of a scenario's machine lines. */
    public static final String OPTION = "--machine";
    /** The keys, in the order help lists them. */
    public static final List<String> KEYS = List.of("arch", "ram", "swap", "nodes", "cpus", "levels", "movablecore", "thp",
            "policy", "replacement", "oom", "seed", "dtlb", "itlb", "stlb", "pcid", "slub_debug", "disk", "disk_bw", "disk_latency",
            "swap_disk", "cpu", "l1d", "l1i", "l2", "l3", "prefetch", "l3_inclusive", "cache_latency", "mem_latency", "memory", "distance");

    private MachineOptions() {
    }

    /**
     * Applies one key.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, saying what was expected
     */
    public static void apply(MachineConfig.Builder builder, String key, String value) {
        switch (key) {
            case "arch":
                builder.arch(Arch.byUnameName(value));
                break;
            case "ram":
                builder.ramBytes(size(key, value));
                break;
            case "swap":
                builder.swapBytes(size(key, value));
                break;
            case "movablecore":
                builder.movableCoreBytes(size(key, value));
                break;
            case "thp":
                builder.thp(org.mmsim.api.Thp.byName(value));
                break;
            case "nodes":
                builder.nodes(integer(key, value));
                break;
            case "cpus":
                builder.cpus(integer(key, value));
                break;
            case "levels":
                builder.pagingLevels(integer(key, value));
                break;
            case "policy":
                builder.replacementPolicy(value);
                break;
            case "replacement":
                switch (value) {
                    case "global" -> builder.replacementScope(ReplacementScope.GLOBAL);
                    case "local" -> builder.replacementScope(ReplacementScope.LOCAL);
                    default -> throw new IllegalArgumentException("replacement '" + value + "'; expected global or local");
                }
                break;
            case "oom":
                builder.oomPolicy(value);
                break;
            case "seed":
                builder.seed(longValue(key, value));
                break;
            case "dtlb":
            case "itlb":
            case "stlb":
                builder.tlb(withArray(builder.tlb(), key, value));
                break;
            case "pcid":
                TlbSpec t = builder.tlb();
                builder.tlb(new TlbSpec(t.dtlbEntries(), t.dtlbWays(), t.itlbEntries(), t.itlbWays(), t.stlbEntries(),
                        t.stlbWays(), onOff(key, value)));
                break;
            case "slub_debug":
                builder.slubDebug(value);
                break;
            case "disk":
                builder.disk(DiskSpec.preset(value));
                break;
            case "disk_bw":
                builder.disk(new DiskSpec(size(key, value), builder.disk().latencyNanos()));
                break;
            case "disk_latency":
                builder.disk(new DiskSpec(builder.disk().bandwidth(), duration(key, value)));
                break;
            case "swap_disk":
                builder.swapDisk(DiskSpec.preset(value));
                break;
            case "cpu":
                builder.cpu(org.mmsim.api.CpuSpec.preset(value));
                break;
            case "l1d":
            case "l1i":
            case "l2":
            case "l3":
            case "prefetch":
            case "l3_inclusive":
                builder.cpu(CacheKeys.apply(builder.cpu(), key, value));
                break;
            case "cache_latency":
                builder.cpu(CacheKeys.latencies(builder.cpu(), value));
                break;
            case "mem_latency":
                org.mmsim.api.CpuSpec c = builder.cpu();
                long nanos = duration(key, value);
                if (nanos < 1 || nanos > 1_000_000) {
                    throw new IllegalArgumentException("mem_latency '" + value + "'; expected 1ns to 1ms");
                }
                builder.cpu(c.withLatencies(c.l1Cycles(), c.l2Cycles(), c.llcCycles(), (int) nanos));
                break;
            case "memory":
                builder.memory(org.mmsim.api.MemoryArch.byKeyName(value));
                break;
            case "distance":
                builder.distance(value);
                break;
            default:
                throw new IllegalArgumentException(NearestName.unknown("machine key", key, KEYS));
        }
    }

    /** A TLB spec with one array's {@code ENTRIESxWAYS} changed. */
    private static TlbSpec withArray(TlbSpec t, String key, String value) {
        String[] parts = value.split("x", -1);
        int entries;
        int ways;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            entries = Integer.parseInt(parts[0]);
            ways = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "'; expected ENTRIESxWAYS, such as 64x4", e);
        }
        switch (key) {
            case "dtlb":
                return new TlbSpec(entries, ways, t.itlbEntries(), t.itlbWays(), t.stlbEntries(), t.stlbWays(), t.pcid());
            case "itlb":
                return new TlbSpec(t.dtlbEntries(), t.dtlbWays(), entries, ways, t.stlbEntries(), t.stlbWays(), t.pcid());
            default:
                return new TlbSpec(t.dtlbEntries(), t.dtlbWays(), t.itlbEntries(), t.itlbWays(), entries, ways, t.pcid());
        }
    }

    private static boolean onOff(String key, String value) {
        switch (value) {
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw new IllegalArgumentException(key + " '" + value + "'; expected on or off");
        }
    }

    /** Applies every key in order. */
    public static void applyAll(MachineConfig.Builder builder, Map<String, String> values) {
        values.forEach((key, value) -> apply(builder, key, value));
    }

    /**
     * Applies {@code --machine KEY=VALUE...} over what the machine lines made, and checks the machine they make
     * together (its policies in {@code registry} too), so that what is wrong with them is blamed on the option.
     *
     * @throws BadInputException {@code --machine: ...} for an unknown key, a bad value or a machine that cannot be
     */
    public static void applyOption(MachineConfig.Builder builder, Map<String, String> values, PolicyRegistry registry) {
        if (values.isEmpty()) {
            return;
        }
        try {
            applyAll(builder, values);
            check(builder, registry);
        } catch (IllegalArgumentException | BadInputException e) {
            throw new BadInputException(OPTION + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the machine {@code builder} makes, as booting it would: its keys together, and its policies.
     *
     * @throws IllegalArgumentException or BadInputException saying what is wrong
     */
    static void check(MachineConfig.Builder builder, PolicyRegistry registry) {
        MachineAssembler.check(builder.build(), registry);
    }

    private static long size(String key, String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("; expected", " for " + key + "; expected"), e);
        }
    }

    private static long duration(String key, String value) {
        try {
            return Durations.parseNanos(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("; expected", " for " + key + "; expected"), e);
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "'; expected a whole number");
        }
    }

    private static long longValue(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "'; expected a whole number");
        }
    }
}
