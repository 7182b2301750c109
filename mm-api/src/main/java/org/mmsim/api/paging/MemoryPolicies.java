package org.mmsim.api.paging;

/**
 * NUMA memory policies (mm/mempolicy.c): where a process's pages are allocated. A task's policy
 * ({@code set_mempolicy(2)}) is inherited by fork and kept by exec; a VMA's ({@code mbind(2)}) is kept when the VMA
 * is split or merged, and wins over the task's. Pages already placed move with {@code mbind}'s MPOL_MF_MOVE,
 * {@code migrate_pages(2)} and {@code move_pages(2)}. Nodemasks are bit n for node n. Every call that fails throws a
 * {@link SyscallException} with the system call's errno and changes nothing.
 */
public interface MemoryPolicies {
    /** The modes of {@code enum mempolicy_mode} (include/uapi/linux/mempolicy.h). */
    int MPOL_DEFAULT = 0;
    int MPOL_PREFERRED = 1;
    int MPOL_BIND = 2;
    int MPOL_INTERLEAVE = 3;
    int MPOL_LOCAL = 4;
    int MPOL_PREFERRED_MANY = 5;
    int MPOL_WEIGHTED_INTERLEAVE = 6;
    /** The mode flags ORed into a mode: the nodes are physical node numbers, kept as given. */
    int MPOL_F_STATIC_NODES = 1 << 15;
    /** The nodes are relative to the nodes the task may use (its cpuset's; here every node with memory). */
    int MPOL_F_RELATIVE_NODES = 1 << 14;
    /** {@code mbind} flags: fail with EIO if a page is not on the policy's nodes. */
    int MPOL_MF_STRICT = 1;
    /** Migrate the pages only this process maps to the policy's nodes. */
    int MPOL_MF_MOVE = 1 << 1;
    /** Migrate every page of the range, shared ones too. */
    int MPOL_MF_MOVE_ALL = 1 << 2;

    /**
     * {@code set_mempolicy(mode | flags, nodes)} for the task {@code pid}.
     *
     * @throws SyscallException EINVAL for an unknown mode or flags, both node flags, nodes for MPOL_DEFAULT or
     *     MPOL_LOCAL, or no node with memory among {@code nodes} for a mode that needs one; ESRCH for no such task
     */
    void setMempolicy(int pid, int mode, long nodes);

    /**
     * {@code mbind(start, length, mode | flags, nodes, flags)}: the VMAs of the range get the policy (split at its
     * ends, merged with alike neighbours); with MPOL_MF_MOVE or MPOL_MF_MOVE_ALL the pages already there that the
     * policy does not allow migrate to where it allocates.
     *
     * @throws SyscallException EINVAL as {@link #setMempolicy}, for a start not page-aligned or unknown flags; EFAULT
     *     for a range with a hole; EIO with MPOL_MF_STRICT when a page stays outside the policy's nodes
     */
    void mbind(int pid, long start, long length, int mode, long nodes, int flags);

    /**
     * {@code migrate_pages(pid, old_nodes, new_nodes)}: the process's pages on {@code from} move to {@code to}, the
     * n-th node of one mask to the n-th of the other ({@code node_remap()}).
     *
     * @return the pages that could not be moved
     * @throws SyscallException EINVAL for a mask with no node with memory; ESRCH for no such task
     */
    long migratePages(int pid, long from, long to);

    /**
     * {@code move_pages(pid, count, pages, nodes, status, 0)}: each page to its node, or only where each page is
     * when {@code nodes} is null.
     *
     * @return each page's status: its node now, or a negative errno ({@code -EFAULT} unmapped, {@code -ENOENT} not
     *     present, {@code -ENOMEM} the node full, {@code -EBUSY} in use)
     * @throws SyscallException ENODEV for a node without memory, EINVAL for arrays of different lengths
     */
    int[] movePages(int pid, long[] pages, int[] nodes);

    /**
     * /proc/PID/numa_maps ({@code show_numa_map()}): for each VMA in address order, the policy that allocates there
     * (its own, else the task's) and where its pages are.
     *
     * @throws SyscallException ESRCH for no such task, or a kernel thread (no address space)
     */
    java.util.List<NumaMapStats> numaMaps(int pid);

    /**
     * {@code numactl --membind=... PROGRAM}: {@link Processes#spawn}, the child setting its policy before it runs
     * the program, so that the program's first pages follow it.
     */
    int spawn(String name, ProgramImage image, int mode, long nodes);

    /** {@code /sys/kernel/mm/mempolicy/weighted_interleave/nodeN}: the node's weight, 1 unless written. */
    int interleaveWeight(int node);

    /**
     * Writes a node's weight, 1 to 255.
     *
     * @throws SyscallException EINVAL for a weight out of range or a node the machine does not have
     */
    void setInterleaveWeight(int node, int weight);

    /**
     * {@code mempolicy_in_oom_domain()}: whether the OOM killer of an allocation bound to {@code nodemask} may choose
     * {@code pid}: a task bound (MPOL_BIND) to nodes none of which are in the mask frees nothing there.
     */
    boolean inOomDomain(int pid, long nodemask);

    /** A nodemask in the kernel's list form ({@code %*pbl}): runs of nodes as {@code 0-2}, commas between. */
    static String nodeList(long mask) {
        StringBuilder text = new StringBuilder();
        for (int node = 0; node < Long.SIZE; node++) {
            if ((mask >>> node & 1) == 0) {
                continue;
            }
            int last = node;
            while (last + 1 < Long.SIZE && (mask >>> (last + 1) & 1) != 0) {
                last++;
            }
            text.append(text.length() == 0 ? "" : ",").append(node).append(last > node ? "-" + last : "");
            node = last;
        }
        return text.toString();
    }
}
