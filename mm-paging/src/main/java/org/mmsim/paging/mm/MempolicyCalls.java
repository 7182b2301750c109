package org.mmsim.paging.mm;

import java.util.ArrayList;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;

/**
 * The system calls of mm/mempolicy.c: {@code set_mempolicy()}, {@code mbind()} ({@code do_mbind()}: split the range's
 * VMAs, set their policy, merge, then migrate what the policy no longer allows), {@code migrate_pages()}
 * ({@code do_migrate_pages()}) and {@code move_pages()} (mm/migrate.c), each checked whole before anything changes.
 * The caller is root: MPOL_MF_MOVE_ALL is allowed, and migrate_pages moves shared pages too, as with CAP_SYS_NICE.
 */
final class MempolicyCalls implements MemoryPolicies {
    private static final long PAGE = 4096;
    /** {@code MPOL_MF_VALID}. */
    private static final int MF_VALID = MPOL_MF_STRICT | MPOL_MF_MOVE | MPOL_MF_MOVE_ALL;
    /** What a migration to one node allocates with ({@code alloc_migration_target()}): that node only. */
    private static final int MIGRATE_GFP = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_THISNODE | Gfp.__GFP_RETRY_MAYFAIL;

    private final ProcessTable table;
    private final PolicyAlloc policies;
    private final FaultHandler faults;
    private final PageMigrate migrate;
    private final NumaMaps numaMaps;
    /** {@code node_states[N_MEMORY]}. */
    private final long memoryNodes;

    MempolicyCalls(ProcessTable table, PolicyAlloc policies, FaultHandler faults, PageMigrate migrate, long memoryNodes) {
        this.table = table;
        this.policies = policies;
        this.faults = faults;
        this.migrate = migrate;
        this.numaMaps = new NumaMaps(faults.frames(), policies.allocator(), policies.nodes());
        this.memoryNodes = memoryNodes;
    }

    @Override
    public void setMempolicy(int pid, int mode, long nodes) {
        Task task = table.lookupTask(pid, "set_mempolicy");
        task.mempolicy = Mempolicy.create(mode, nodes, memoryNodes);
    }

    @Override
    public int spawn(String name, ProgramImage image, int mode, long nodes) {
        return table.spawn(name, image, Mempolicy.create(mode, nodes, memoryNodes));
    }

    @Override
    public void mbind(int pid, long start, long length, int mode, long nodes, int flags) {
        Task task = table.lookupTask(pid, "mbind");
        Mempolicy.sanitize(mode);
        if ((flags & ~MF_VALID) != 0) {
            throw new SyscallException("EINVAL", "flags " + Integer.toHexString(flags) + " unknown");
        }
        if ((start & (PAGE - 1)) != 0) {
            throw new SyscallException("EINVAL", String.format("start %#x is not page-aligned", start));
        }
        long end = start + ((length + PAGE - 1) & -PAGE);
        if (end < start) {
            throw new SyscallException("EINVAL", "the range wraps");
        }
        // do_mbind(): an empty range succeeds before the policy is made, whatever its nodes.
        if (end == start) {
            return;
        }
        Mempolicy pol = Mempolicy.create(mode, nodes, memoryNodes);
        Mm mm = task.mm;
        long covered = 0;
        for (Vma vma : mm.overlapping(start, end)) {
            covered += Math.min(vma.end, end) - Math.max(vma.start, start);
        }
        if (covered != end - start) {
            throw new SyscallException("EFAULT", String.format("mbind of [%#x, %#x): part of it is not mapped", start, end));
        }
        HugetlbMappings.checkSplits(mm, start, end);
        faults.huge().split(mm, start, end, false, table.currentCpu());
        // mbind_range(): vma_modify_policy() splits at the ends; alike neighbours merge again.
        mm.splitAt(start);
        mm.splitAt(end);
        for (Vma vma : mm.overlapping(start, end)) {
            vma.policy = pol;
        }
        for (Vma vma : mm.overlapping(start, end)) {
            if (mm.find(vma.start) == vma) {
                mm.merge(vma);
            }
        }
        if ((flags & (MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)) == 0 || pol == null || pol.nodes() == 0) {
            return;
        }
        int left = moveOff(mm, start, end, pol, (flags & MPOL_MF_MOVE_ALL) != 0);
        if (left > 0 && (flags & MPOL_MF_STRICT) != 0) {
            throw new SyscallException("EIO", "" + left + " page(s) could not move to " + MemoryPolicies.nodeList(pol.nodes()));
        }
    }

    /**
     * {@code queue_pages_range()} with MPOL_MF_INVERT, then {@code migrate_pages()} to
     * {@code alloc_migration_target_by_mpol()}: each page of the range on a node the policy leaves out moves to a page
     * the policy allocates for its index. A page others map too moves only with {@code all}.
     *
     * @return the pages left outside the policy's nodes
     */
    private int moveOff(Mm mm, long start, long end, Mempolicy pol, boolean all) {
        PageAllocator allocator = policies.allocator();
        int left = 0;
        for (Vma vma : new ArrayList<>(mm.overlapping(start, end))) {
            for (long page = Math.max(start, vma.start); page < Math.min(end, vma.end); page += PAGE) {
                long pfn = faults.presentPfn(mm, page);
                if (pfn < 0 || (pol.nodes() >>> allocator.pageToNid(pfn) & 1) != 0) {
                    continue;
                }
                if (!migrate.movable(pfn) || !all && faults.frames().mapcount(pfn) > 1) {
                    left++;
                    continue;
                }
                long ilx = vma.pageIndex(page);
                int gfp = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_RETRY_MAYFAIL;
                if (migrate.migrate(pfn, () -> policies.allocMpol(pol, ilx, gfp, 0)) == PageAllocator.NO_PAGE) {
                    left++;
                }
            }
        }
        return left;
    }

    @Override
    public long migratePages(int pid, long from, long to) {
        Task task = table.lookupTask(pid, "migrate_pages");
        if ((to & ~memoryNodes) != 0) {
            throw new SyscallException("EINVAL", "new nodes " + MemoryPolicies.nodeList(to)
                    + " are not all nodes with memory (" + MemoryPolicies.nodeList(memoryNodes) + ")");
        }
        if (to == 0 || from == 0) {
            return 0;
        }
        PageAllocator allocator = policies.allocator();
        long left = 0;
        Mm mm = task.mm;
        for (Vma vma : new ArrayList<>(mm.vmas.values())) {
            for (long page = vma.start; page < vma.end; page += PAGE) {
                long pfn = faults.presentPfn(mm, page);
                if (pfn < 0) {
                    continue;
                }
                int source = allocator.pageToNid(pfn);
                int dest = nodeRemap(source, from, to);
                if (dest == source) {
                    continue;
                }
                if (!migrate.movable(pfn) || migrate.migrate(pfn, () -> allocator.allocPages(MIGRATE_GFP, 0, dest,
                        1L << dest)) == PageAllocator.NO_PAGE) {
                    left++;
                }
            }
        }
        return left;
    }

    /**
     * {@code node_remap()} ({@code bitmap_bitremap()}): a node of {@code from} becomes the node of {@code to} at the
     * same position (modulo the count of {@code to}); any other node stays.
     */
    static int nodeRemap(int node, long from, long to) {
        if ((from >>> node & 1) == 0) {
            return node;
        }
        int position = Long.bitCount(from & ((1L << node) - 1));
        return Mempolicy.nthNode(to, position % Long.bitCount(to));
    }

    @Override
    public int[] movePages(int pid, long[] pages, int[] nodes) {
        Task task = table.lookupTask(pid, "move_pages");
        if (nodes != null && nodes.length != pages.length) {
            throw new SyscallException("EINVAL", "" + pages.length + " pages and " + nodes.length + " nodes");
        }
        if (nodes != null) {
            for (int node : nodes) {
                if (node < 0 || node >= Long.SIZE || (memoryNodes >>> node & 1) == 0) {
                    throw new SyscallException("ENODEV", "node " + node + " has no memory (nodes with memory: "
                            + MemoryPolicies.nodeList(memoryNodes) + ")");
                }
            }
        }
        PageAllocator allocator = policies.allocator();
        Mm mm = task.mm;
        int[] status = new int[pages.length];
        for (int i = 0; i < pages.length; i++) {
            long page = pages[i] & -PAGE;
            if (mm.find(page) == null) {
                status[i] = -PageMigrate.EFAULT;
                continue;
            }
            long pfn = faults.presentPfn(mm, page);
            if (pfn < 0) {
                status[i] = -PageMigrate.ENOENT;
                continue;
            }
            int node = allocator.pageToNid(pfn);
            if (nodes == null || nodes[i] == node) {
                status[i] = node;
            } else if (faults.frames().mapcount(pfn) > 1) {
                // add_page_for_migration(): without MPOL_MF_MOVE_ALL a shared page is not this process's to move.
                status[i] = -PageMigrate.EACCES;
            } else if (!migrate.movable(pfn)) {
                status[i] = -PageMigrate.EBUSY;
            } else {
                int dest = nodes[i];
                long moved = migrate.migrate(pfn, () -> allocator.allocPages(MIGRATE_GFP, 0, dest, 1L << dest));
                status[i] = moved == PageAllocator.NO_PAGE ? -PageMigrate.ENOMEM : dest;
            }
        }
        return status;
    }

    @Override
    public java.util.List<org.mmsim.api.paging.NumaMapStats> numaMaps(int pid) {
        Task task = table.lookupTask(pid, "numa_maps");
        if (task.mm == null) {
            throw new SyscallException("ESRCH", "numa_maps of kernel thread " + pid + ": no mm");
        }
        return numaMaps.of(task);
    }

    @Override
    public int interleaveWeight(int node) {
        checkNode(node);
        return policies.weight(node);
    }

    @Override
    public void setInterleaveWeight(int node, int weight) {
        checkNode(node);
        if (weight < 1 || weight > PolicyAlloc.MAX_WEIGHT) {
            throw new SyscallException("EINVAL", "weighted_interleave/node" + node + ": weight " + weight
                    + "; expected 1 to " + PolicyAlloc.MAX_WEIGHT);
        }
        policies.setWeight(node, weight);
    }

    private void checkNode(int node) {
        if (node < 0 || node >= policies.nodes()) {
            throw new SyscallException("EINVAL", "no node " + node + "; expected 0 to " + (policies.nodes() - 1));
        }
    }

    @Override
    public boolean inOomDomain(int pid, long nodemask) {
        Mempolicy pol = table.lookupTask(pid, "oom").mempolicy;
        return pol == null || pol.mode() != MPOL_BIND || (pol.nodes() & nodemask) != 0;
    }
}
