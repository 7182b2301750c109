package org.mmsim.tools.hw;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheSpec;

/**
 * Where each CPU of a machine sits: its node (the CPUs spread over the nodes in equal runs, the last taking the rest,
 * as the per-CPU areas place them), and which CPUs share each cache — the first levels are a CPU's own, a last-level
 * cache serves up to {@link CpuSpec#llcCpus()} CPUs of one node — as the kernel's cacheinfo
 * (drivers/base/cacheinfo.c) lists them under /sys/devices/system/cpu/cpuN/cache.
 */
public final class CpuTopology {
    private final MachineConfig config;

    /** The topology of a machine of {@code config}. */
    public CpuTopology(MachineConfig config) {
        this.config = config;
    }

    /** The node of {@code cpu}. */
    public int node(int cpu) {
        return MachineConfig.nodeOfCpu(cpu, config.cpus(), config.nodes());
    }

    /** The CPUs of {@code node}, in order. */
    public List<Integer> cpusOf(int node) {
        List<Integer> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            if (node(cpu) == node) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** The caches of a CPU in /sys's index order: L1d, L1i, then L2 if any, then the last level. */
    public List<CacheSpec> caches() {
        List<CacheSpec> caches = new ArrayList<>(List.of(config.cpu().caches().l1d(), config.cpu().caches().l1i()));
        config.cpu().caches().l2().ifPresent(caches::add);
        caches.add(config.cpu().caches().llc());
        return caches;
    }

    /** Whether {@code index} of {@link #caches()} is the last level, the one CPUs share. */
    public boolean shared(int index) {
        return index == caches().size() - 1;
    }

    /** The CPUs that share {@code cpu}'s cache {@code index} with it (itself only for a private one). */
    public List<Integer> sharing(int cpu, int index) {
        if (!shared(index)) {
            return List.of(cpu);
        }
        List<Integer> node = cpusOf(node(cpu));
        int group = node.indexOf(cpu) / config.cpu().llcCpus();
        int llc = config.cpu().llcCpus();
        return node.subList(group * llc, Math.min(node.size(), (group + 1) * llc));
    }

    /** The instances of cache {@code index} in the machine. */
    public int instances(int index) {
        if (!shared(index)) {
            return config.cpus();
        }
        int count = 0;
        for (int node = 0; node < config.nodes(); node++) {
            count += (cpusOf(node).size() + config.cpu().llcCpus() - 1) / config.cpu().llcCpus();
        }
        return count;
    }

    /** The id of {@code cpu}'s instance of cache {@code index}: numbered over the machine, from 0. */
    public int id(int cpu, int index) {
        if (!shared(index)) {
            return cpu;
        }
        int id = 0;
        for (int node = 0; node < node(cpu); node++) {
            id += (cpusOf(node).size() + config.cpu().llcCpus() - 1) / config.cpu().llcCpus();
        }
        return id + cpusOf(node(cpu)).indexOf(cpu) / config.cpu().llcCpus();
    }

    /** The kernel's list form of a set of CPUs ({@code %*pbl}): runs of two or more as {@code 0-3}, commas between. */
    public static String kernelList(List<Integer> cpus) {
        return list(cpus, 1);
    }

    /** util-linux's list form (lib/cpuset.c cpulist_create()): a run of two is {@code 0,1}, of three {@code 0-2}. */
    public static String utilLinuxList(List<Integer> cpus) {
        return list(cpus, 2);
    }

    private static String list(List<Integer> cpus, int shortestRange) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (text.length() > 0) {
                text.append(',');
            }
            if (j - i >= shortestRange) {
                text.append(cpus.get(i)).append('-').append(cpus.get(j));
                i = j + 1;
            } else {
                text.append(cpus.get(i));
                i++;
            }
        }
        return text.toString();
    }

    /**
     * The kernel's mask form ({@code %*pb}): hex digits for {@code nrCpus} bits, in groups of 32 bits separated by
     * commas, the first group as wide as its bits need.
     */
    public static String kernelMask(List<Integer> cpus, int nrCpus) {
        int words = (nrCpus + 31) / 32;
        StringBuilder text = new StringBuilder();
        for (int w = words - 1; w >= 0; w--) {
            long bits = 0;
            for (int cpu : cpus) {
                if (cpu / 32 == w) {
                    bits |= 1L << (cpu % 32);
                }
            }
            int digits = w == words - 1 ? Math.max(1, (nrCpus - 32 * w + 3) / 4) : 8;
            text.append(String.format("%0" + digits + "x", bits));
            if (w > 0) {
                text.append(',');
            }
        }
        return text.toString();
    }
}
