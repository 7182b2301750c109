package org.mmsim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The NUMA distance table (ACPI's SLIT, {@code node_distance()}): how far each node's memory is from each node's CPUs,
 * 10 for a node's own, more for another's (21 for the next socket of a two-socket box). numactl --hardware prints it,
 * /sys/devices/system/node/nodeN/distance holds row N, and {@code build_zonelists()} orders each node's fallback
 * nodes by it.
 *
 * @param nodes the nodes
 * @param flat the rows, one after the other: {@code flat.get(from * nodes + to)}
 */
public record NodeDistances(int nodes, List<Integer> flat) {
    /** A node's distance to itself ({@code LOCAL_DISTANCE}). */
    public static final int LOCAL = 10;
    /** Another node's, by default ({@code REMOTE_DISTANCE}). */
    public static final int REMOTE = 21;
    /** The presets, by name. */
    public static final List<String> PRESETS = List.of("ring");

    /**
     * Checks the table as the kernel's numa_set_distance() and the SLIT rules do.
     *
     * @throws IllegalArgumentException for a table that is not square, a node not 10 from itself, or another node
     *     at 10 or less, or past 254
     */
    public NodeDistances {
        flat = List.copyOf(flat);
        if (nodes < 1 || flat.size() != nodes * nodes) {
            throw new IllegalArgumentException("distance has " + flat.size() + " values for " + nodes
                    + " nodes; expected a row of " + nodes + " for each node, such as " + example(nodes));
        }
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                int d = flat.get(from * nodes + to);
                if (from == to ? d != LOCAL : d <= LOCAL || d > 254) {
                    throw new IllegalArgumentException("distance " + d + " from node " + from + " to node " + to
                            + "; expected " + (from == to ? "10 to itself" : "11 to 254 to another node"));
                }
            }
        }
    }

    /** The default table of {@code nodes} nodes: 10 local, 21 remote. */
    public static NodeDistances uniform(int nodes) {
        List<Integer> flat = new ArrayList<>();
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                flat.add(from == to ? LOCAL : REMOTE);
            }
        }
        return new NodeDistances(nodes, flat);
    }

    /**
     * {@code ring}: the nodes in a ring, as a 4-socket Opteron's SLIT has them: 16 to a neighbour, 22 two hops away,
     * and 6 more for each hop beyond.
     */
    public static NodeDistances ring(int nodes) {
        List<Integer> flat = new ArrayList<>();
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                int hops = Math.min(Math.abs(from - to), nodes - Math.abs(from - to));
                flat.add(hops == 0 ? LOCAL : LOCAL + 6 * hops);
            }
        }
        return new NodeDistances(nodes, flat);
    }

    /**
     * The table a {@code distance=} value gives for {@code nodes} nodes: a preset's name, or the rows separated by
     * {@code /}, the values of a row by commas ({@code 10,21/21,10}).
     *
     * @throws IllegalArgumentException for anything else, saying what was expected
     */
    public static NodeDistances parse(String value, int nodes) {
        if (value.equals("ring")) {
            return ring(nodes);
        }
        List<Integer> flat = new ArrayList<>();
        for (String row : value.split("/", -1)) {
            for (String d : row.split(",", -1)) {
                try {
                    flat.add(Integer.parseInt(d.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("distance '" + value + "'; expected ring, or a row of numbers for "
                            + "each node, rows separated by /, such as " + example(nodes), e);
                }
            }
            if (flat.size() % nodes != 0) {
                throw new IllegalArgumentException("distance '" + value + "'; expected a row of " + nodes
                        + " for each node, such as " + example(nodes));
            }
        }
        return new NodeDistances(nodes, flat);
    }

    private static String example(int nodes) {
        StringBuilder text = new StringBuilder();
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                text.append(to == 0 ? (from == 0 ? "" : "/") : ",").append(from == to ? LOCAL : REMOTE);
            }
        }
        return text.toString();
    }

    /** {@code node_distance(from, to)}. */
    public int distance(int from, int to) {
        Objects.checkIndex(from, nodes);
        return flat.get(from * nodes + Objects.checkIndex(to, nodes));
    }
}
