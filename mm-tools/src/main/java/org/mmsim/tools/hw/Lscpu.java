package org.mmsim.tools.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheSpec;

/**
 * util-linux's lscpu (2.38) of a machine, as it prints when its output is not a terminal (the samples' form: one
 * {@code Name: value} line each, values from column 42), and {@code lscpu -C}, its table of caches. The CPU reports
 * its preset part's identity; flags, the hypervisor and the vulnerabilities are not modelled and not printed.
 */
public final class Lscpu {
    private static final int VALUE_COLUMN = 41;

    private Lscpu() {
    }

    /** {@code lscpu}. */
    public static String summary(MachineConfig config) {
        CpuSpec cpu = config.cpu();
        boolean intel = cpu.model().equals("skylake-sp");
        CpuTopology topology = new CpuTopology(config);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < config.cpus(); i++) {
            all.add(i);
        }
        StringBuilder out = new StringBuilder();
        line(out, "Architecture:", "x86_64");
        line(out, "CPU op-mode(s):", "32-bit, 64-bit");
        line(out, "Address sizes:", (intel ? 46 : 48) + " bits physical, 48 bits virtual");
        line(out, "Byte Order:", "Little Endian");
        line(out, "CPU(s):", String.valueOf(config.cpus()));
        line(out, "On-line CPU(s) list:", CpuTopology.utilLinuxList(all));
        line(out, "Vendor ID:", intel ? "GenuineIntel" : "AuthenticAMD");
        line(out, "Model name:", intel ? "Intel(R) Xeon(R) Gold 6142 CPU @ 2.60GHz" : "AMD Ryzen 9 7950X 16-Core Processor");
        line(out, "CPU family:", intel ? "6" : "25");
        line(out, "Model:", intel ? "85" : "97");
        line(out, "Thread(s) per core:", "1");
        line(out, "Core(s) per socket:", String.valueOf(config.cpus()));
        line(out, "Socket(s):", "1");
        line(out, "Stepping:", intel ? "4" : "2");
        // The TSC's kHz times two (arch/x86/kernel/cpu/proc.c: bogomips = loops_per_jiffy * HZ / 500000).
        line(out, "BogoMIPS:", String.format(Locale.ROOT, "%.2f", cpu.mhz() * 2.0));
        List<CacheSpec> caches = topology.caches();
        for (int index = 0; index < caches.size(); index++) {
            CacheSpec cache = caches.get(index);
            int instances = topology.instances(index);
            line(out, cache.name() + " cache:", humanSize(cache.geometry().size() * instances) + " (" + instances
                    + (instances == 1 ? " instance)" : " instances)"));
        }
        line(out, "NUMA node(s):", String.valueOf(config.nodes()));
        for (int node = 0; node < config.nodes(); node++) {
            line(out, "NUMA node" + node + " CPU(s):", CpuTopology.utilLinuxList(topology.cpusOf(node)));
        }
        return out.toString();
    }

    /** {@code lscpu -C}: one row a cache, sizes of one instance and of all. */
    public static String caches(MachineConfig config) {
        CpuTopology topology = new CpuTopology(config);
        List<CacheSpec> caches = topology.caches();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ONE-SIZE", "ALL-SIZE", "WAYS", "TYPE", "LEVEL", "SETS", "PHY-LINE", "COHERENCY-SIZE"});
        for (int index = 0; index < caches.size(); index++) {
            CacheSpec cache = caches.get(index);
            CacheGeometry g = cache.geometry();
            rows.add(new String[] {cache.name(), shortSize(g.size()), shortSize(g.size() * topology.instances(index)),
                String.valueOf(g.ways()), SysCpuCache.type(cache), cache.name().substring(1, 2),
                String.valueOf(g.size() / g.lineSize() / g.ways()), "1", String.valueOf(g.lineSize())});
        }
        // libsmartcols: NAME and TYPE left-aligned, the numbers right-aligned, one space between columns.
        boolean[] left = {true, false, false, false, true, false, false, false, false};
        int[] width = new int[left.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(c > 0 ? " " : "").append(left[c] ? row[c] + (c < row.length - 1 ? pad : "") : pad + row[c]);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(" ".repeat(Math.max(1, VALUE_COLUMN - name.length()))).append(value).append('\n');
    }

    /** lib/strutils.c size_to_human_string() with a space and 3-letter suffixes: 64 KiB, 2 MiB, 1.4 MiB. */
    static String humanSize(long bytes) {
        return human(bytes, " ", "iB");
    }

    /** The same without them, as lscpu -C prints sizes: 32K, 1M. */
    static String shortSize(long bytes) {
        return human(bytes, "", "");
    }

    private static String human(long bytes, String space, String suffix) {
        String[] units = {"B", "K", "M", "G", "T"};
        int exp = 0;
        while (exp < units.length - 1 && bytes >= (1L << (10 * (exp + 1)))) {
            exp++;
        }
        if (exp == 0) {
            return bytes + space + "B";
        }
        long whole = bytes >> (10 * exp);
        long rest = bytes - (whole << (10 * exp));
        // One decimal, rounded, left out when it is 0.
        long tenth = (rest * 10 + (1L << (10 * exp)) / 2) >> (10 * exp);
        if (tenth == 10) {
            whole++;
            tenth = 0;
        }
        return whole + (tenth == 0 ? "" : "." + tenth) + space + units[exp] + suffix;
    }
}
