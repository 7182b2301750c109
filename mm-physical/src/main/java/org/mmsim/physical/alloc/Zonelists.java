package org.mmsim.physical.alloc;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.NodeDistances;
import org.mmsim.physical.buddy.Zone;

/**
 * {@code build_all_zonelists()} (mm/page_alloc.c): each node's fallback list of zones, its own populated zones from
 * the highest type down, then every other node's in the order {@code find_next_best_node()} picks them — the
 * nearest by the distance table, a node below the local one a little farther, a node with CPUs a little farther than
 * a headless one, and among equals the one fewer zonelists put first so far ({@code node_load}), so that nodes at one
 * distance take turns at the front.
 */
final class Zonelists {
    /** {@code PENALTY_FOR_NODE_WITH_CPUS}. */
    private static final int CPU_PENALTY = 1;
    /** {@code MAX_NUMNODES}, which scales the distance so that the load only breaks ties. */
    private static final int MAX_NUMNODES = 64;

    private Zonelists() {
    }

    /**
     * The zonelists, by node, as zone indexes.
     *
     * @param zones every zone, node by node, {@code types} a node
     * @param withCpus which nodes have CPUs
     */
    static int[][] build(List<Zone> zones, int types, NodeDistances distances, boolean[] withCpus) {
        int nodes = distances.nodes();
        int[] load = new int[nodes];
        int[][] lists = new int[nodes][];
        for (int local = 0; local < nodes; local++) {
            boolean[] used = new boolean[nodes];
            int previous = local;
            List<Integer> order = new ArrayList<>();
            for (int node = nextBest(local, used, distances, withCpus, load); node >= 0;
                    node = nextBest(local, used, distances, withCpus, load)) {
                // The first node of each distance group is penalised, so the next zonelist starts with another.
                if (distances.distance(local, node) != distances.distance(local, previous)) {
                    load[node]++;
                }
                previous = node;
                for (int t = types - 1; t >= 0; t--) {
                    Zone zone = zones.get(node * types + t);
                    if (zone.span().populated()) {
                        order.add(zone.index());
                    }
                }
            }
            lists[local] = order.stream().mapToInt(Integer::intValue).toArray();
        }
        return lists;
    }

    /** {@code find_next_best_node()}: the local node first, then the best of those left, or -1. */
    private static int nextBest(int local, boolean[] used, NodeDistances distances, boolean[] withCpus, int[] load) {
        if (!used[local]) {
            used[local] = true;
            return local;
        }
        int best = -1;
        int min = Integer.MAX_VALUE;
        for (int n = 0; n < used.length; n++) {
            if (used[n]) {
                continue;
            }
            int val = distances.distance(local, n) + (n < local ? 1 : 0) + (withCpus[n] ? CPU_PENALTY : 0);
            val = val * MAX_NUMNODES + load[n];
            if (val < min) {
                min = val;
                best = n;
            }
        }
        if (best >= 0) {
            used[best] = true;
        }
        return best;
    }
}
