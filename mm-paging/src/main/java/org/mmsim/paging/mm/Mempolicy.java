package org.mmsim.paging.mm;

import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.SyscallException;

/**
 * A memory policy ({@code struct mempolicy}, mm/mempolicy.c): a mode, its flags, the nodes it allocates on, and the
 * nodes the user gave. Immutable, so a task, its children and VMAs share one; equal policies let VMAs merge
 * ({@code mpol_equal()}). No policy at all (null) is MPOL_DEFAULT: the allocating CPU's node first.
 */
record Mempolicy(int mode, int flags, long nodes, long userNodes) {
    /** {@code MPOL_MODE_FLAGS}. */
    static final int MODE_FLAGS = MemoryPolicies.MPOL_F_STATIC_NODES | MemoryPolicies.MPOL_F_RELATIVE_NODES;
    /** {@code MPOL_MAX}. */
    private static final int MPOL_MAX = MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE + 1;
    /** {@code policy_modes[]}: the names mpol_to_str() prints. */
    private static final String[] NAMES = {"default", "prefer", "bind", "interleave", "local", "prefer (many)",
        "weighted interleave"};

    /**
     * {@code sanitize_mpol_flags()}: a mode the kernel knows, and not both node flags.
     *
     * @throws SyscallException EINVAL otherwise
     */
    static void sanitize(int modeAndFlags) {
        int mode = modeAndFlags & ~MODE_FLAGS;
        if (mode < 0 || mode >= MPOL_MAX) {
            throw new SyscallException("EINVAL", "mode " + mode + " unknown; expected 0 to " + (MPOL_MAX - 1));
        }
        if ((modeAndFlags & MODE_FLAGS) == MODE_FLAGS) {
            throw new SyscallException("EINVAL", "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES together");
        }
    }

    /**
     * {@code sanitize_mpol_flags()}, {@code mpol_new()} and {@code mpol_set_nodemask()}: the policy a call asks for,
     * or null for MPOL_DEFAULT.
     *
     * @param modeAndFlags the mode with its flags ORed in
     * @param userNodes the nodemask as given
     * @param memoryNodes the nodes with memory ({@code node_states[N_MEMORY]}, and every node is in the cpuset)
     * @throws SyscallException EINVAL for what the kernel refuses
     */
    static Mempolicy create(int modeAndFlags, long userNodes, long memoryNodes) {
        sanitize(modeAndFlags);
        int flags = modeAndFlags & MODE_FLAGS;
        int mode = modeAndFlags & ~MODE_FLAGS;
        if (mode == MemoryPolicies.MPOL_DEFAULT) {
            if (userNodes != 0) {
                throw new SyscallException("EINVAL", "MPOL_DEFAULT takes no nodes");
            }
            return null;
        }
        if (mode == MemoryPolicies.MPOL_PREFERRED && userNodes == 0) {
            if (flags != 0) {
                throw new SyscallException("EINVAL", "MPOL_PREFERRED with a node flag needs a node");
            }
            // mpol_new(): a preferred policy without a node is the local one.
            mode = MemoryPolicies.MPOL_LOCAL;
        } else if (mode == MemoryPolicies.MPOL_LOCAL) {
            if (userNodes != 0 || flags != 0) {
                throw new SyscallException("EINVAL", "MPOL_LOCAL takes no nodes nor node flags");
            }
        } else if (userNodes == 0) {
            throw new SyscallException("EINVAL", NAMES[mode] + " needs at least one node");
        }
        if (mode == MemoryPolicies.MPOL_LOCAL) {
            return new Mempolicy(mode, 0, 0, 0);
        }
        long nodes = (flags & MemoryPolicies.MPOL_F_RELATIVE_NODES) != 0 ? relative(userNodes, memoryNodes)
                : userNodes & memoryNodes;
        if (nodes == 0) {
            throw new SyscallException("EINVAL", "no node of " + MemoryPolicies.nodeList(userNodes)
                    + " has memory (nodes with memory: " + MemoryPolicies.nodeList(memoryNodes) + ")");
        }
        // mpol_new_preferred(): one node, the first.
        if (mode == MemoryPolicies.MPOL_PREFERRED) {
            nodes = Long.lowestOneBit(nodes);
        }
        return new Mempolicy(mode, flags, nodes, userNodes);
    }

    /**
     * {@code mpol_relative_nodemask()}: {@code nodes_fold()} the user's nodes onto as many as are allowed, then
     * {@code nodes_onto()}: the n-th bit becomes the n-th allowed node.
     */
    static long relative(long user, long allowed) {
        int weight = Long.bitCount(allowed);
        long result = 0;
        for (long bits = user; bits != 0; bits &= bits - 1) {
            int n = Long.numberOfTrailingZeros(bits) % weight;
            result |= 1L << nthNode(allowed, n);
        }
        return result;
    }

    /** The node of the {@code n}-th set bit of {@code mask}, from 0. */
    static int nthNode(long mask, int n) {
        long bits = mask;
        for (int i = 0; i < n; i++) {
            bits &= bits - 1;
        }
        return Long.numberOfTrailingZeros(bits);
    }

    /** {@code mpol_to_str()}: the mode's name, {@code =static} or {@code =relative}, and {@code :} the nodes. */
    static String describe(Mempolicy pol) {
        if (pol == null) {
            return NAMES[MemoryPolicies.MPOL_DEFAULT];
        }
        StringBuilder text = new StringBuilder(NAMES[pol.mode]);
        if (pol.flags != 0) {
            text.append('=').append((pol.flags & MemoryPolicies.MPOL_F_STATIC_NODES) != 0 ? "static" : "relative");
        }
        if (pol.nodes != 0) {
            text.append(':').append(MemoryPolicies.nodeList(pol.nodes));
        }
        return text.toString();
    }
}
