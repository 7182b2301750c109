package org.mmsim.tools.hw;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /sys/devices/system/node/nodeN/{distance,cpulist,numastat}} (drivers/base/node.c): the node's row of the
 * distance table, its CPUs, and its zones' NUMA allocation counters summed ({@code node_read_numastat()}).
 */
public final class SysNode {
    /** A path of one node file: groups are the node and the file. */
    public static final Pattern PATH = Pattern.compile("/sys/devices/system/node/node(\\d+)/([a-z_]+)");
    /** The files, in the order ls lists them. */
    public static final List<String> FILES = List.of("cpulist", "distance", "numastat");
    private static final List<String> NUMASTAT = List.of("numa_hit", "numa_miss", "numa_foreign", "interleave_hit",
            "local_node", "other_node");

    private SysNode() {
    }

    /**
     * The file at {@code path} of {@code machine}.
     *
     * @throws IllegalArgumentException for a node or file the machine does not have
     */
    public static String read(SimulatedMachine machine, String path) {
        Matcher m = PATH.matcher(path);
        int nodes = machine.config().nodes();
        int node = m.matches() ? parse(m.group(1)) : -1;
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("no such file '" + path + "'; expected /sys/devices/system/node/node0"
                    + (nodes > 1 ? " to node" + (nodes - 1) : "") + "/FILE");
        }
        switch (m.group(2)) {
            case "cpulist":
                return CpuTopology.kernelList(new CpuTopology(machine.config()).cpusOf(node)) + "\n";
            case "distance":
                StringBuilder row = new StringBuilder();
                for (int to = 0; to < nodes; to++) {
                    row.append(to == 0 ? "" : " ").append(machine.config().distance().distance(node, to));
                }
                return row.append('\n').toString();
            case "numastat":
                long[] sums = new long[NUMASTAT.size()];
                for (ZoneInfo zone : machine.physicalMemory().zones()) {
                    if (zone.node() == node) {
                        long[] stats = zone.numaStats();
                        for (int i = 0; i < sums.length; i++) {
                            sums[i] += stats[i];
                        }
                    }
                }
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < sums.length; i++) {
                    text.append(NUMASTAT.get(i)).append(' ').append(sums[i]).append('\n');
                }
                return text.toString();
            default:
                String dir = path.substring(0, path.lastIndexOf('/') + 1);
                throw new IllegalArgumentException("no such file '" + path + "'" + org.mmsim.spi.NearestName.expected(path,
                        FILES.stream().map(f -> dir + f).toList()));
        }
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
