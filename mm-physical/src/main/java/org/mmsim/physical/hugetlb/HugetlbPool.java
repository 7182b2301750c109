package org.mmsim.physical.hugetlb;

import java.util.function.LongToIntFunction;
import org.mmsim.api.kernel.HugetlbPages;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.HugetlbPools;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The hugetlbfs pools of mm/hugetlb.c: one {@link Hstate} per huge page size, its pages taken from the buddy
 * allocator when the pool grows ({@code alloc_pool_huge_folio()}), kept on per-node free lists while unused, handed
 * to faults and reservations, and given back to the buddy allocator only when the pool shrinks or a surplus page is
 * freed. A huge page in the pool keeps the allocation's one reference, so that the page allocator sees it allocated;
 * the paging layer's mappings add and drop theirs and hand the page back with {@link #freeFolio} when only that one
 * is left. NR_HUGETLB counts the pages of the huge pages in use ({@code lruvec_stat_mod_folio()} in
 * {@code alloc_hugetlb_folio()} and {@code free_huge_folio()}), so a pool of free pages shows none.
 *
 * <p>Gigantic pages (order above MAX_PAGE_ORDER: 1 GiB on x86-64) come from {@link ContigPages}, as
 * {@code alloc_contig_pages()} gives them; they never count in htlb_buddy_alloc_* and have no surplus.
 */
public final class HugetlbPool implements HugetlbPools, HugetlbPages {
    private final Hstate[] hstates;
    private final PageAllocator allocator;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final ContigPages contig;
    private final LongToIntFunction nodeOf;
    private final int nodes;

    /**
     * @param orders the huge page orders of the architecture, the default first
     * @param nodeOf the node of a pfn
     */
    public HugetlbPool(int[] orders, int nodes, PageAllocator allocator, PageFrames frames, VmStat vmstat,
                       ContigPages contig, LongToIntFunction nodeOf) {
        this.hstates = new Hstate[orders.length];
        for (int i = 0; i < orders.length; i++) {
            hstates[i] = new Hstate(orders[i], nodes);
        }
        this.nodes = nodes;
        this.allocator = allocator;
        this.frames = frames;
        this.vmstat = vmstat;
        this.contig = contig;
        this.nodeOf = nodeOf;
    }

    /**
     * The huge page orders of a machine ({@code hugetlb_add_hstate()} at boot): x86-64 has 2 MiB and, with
     * X86_FEATURE_GBPAGES, 1 GiB; i386 with PAE 2 MiB; two-level i386 4 MiB (HPAGE_SHIFT 22, a PDE's page).
     */
    public static int[] orders(boolean x86_64, boolean pae) {
        if (x86_64) {
            return new int[] {9, 18};
        }
        return new int[] {pae ? 9 : 10};
    }

    private Hstate hstate(int order) {
        for (Hstate h : hstates) {
            if (h.order == order) {
                return h;
            }
        }
        throw new IllegalArgumentException("no huge page pool of order " + order);
    }

    @Override
    public int[] orders() {
        int[] orders = new int[hstates.length];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = hstates[i].order;
        }
        return orders;
    }

    @Override
    public long nrHugePages(int order) {
        return hstate(order).nrHugePages;
    }

    @Override
    public long nrHugePages(int order, int node) {
        return hstate(order).nrHugePagesNode[checkNode(node)];
    }

    @Override
    public long freeHugePages(int order) {
        return hstate(order).freeHugePages;
    }

    @Override
    public long freeHugePages(int order, int node) {
        return hstate(order).free[checkNode(node)].size();
    }

    @Override
    public long resvHugePages(int order) {
        return hstate(order).resvHugePages;
    }

    @Override
    public long surplusHugePages(int order) {
        return hstate(order).surplusHugePages;
    }

    @Override
    public long surplusHugePages(int order, int node) {
        return hstate(order).surplusHugePagesNode[checkNode(node)];
    }

    @Override
    public long persistentHugePages(int order) {
        return hstate(order).persistent();
    }

    @Override
    public long nrOvercommitHugePages(int order) {
        return hstate(order).nrOvercommitHugePages;
    }

    @Override
    public void setNrOvercommitHugePages(int order, long count) {
        Hstate h = hstate(order);
        if (count < 0) {
            throw new IllegalArgumentException("nr_overcommit_hugepages " + count + "; expected 0 or more");
        }
        // hugetlb_overcommit_handler(): a gigantic size cannot be overcommitted.
        if (h.gigantic()) {
            throw new IllegalArgumentException("nr_overcommit_hugepages of " + h.kb() + " kB pages: Invalid argument");
        }
        h.nrOvercommitHugePages = count;
    }

    private int checkNode(int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + "; expected 0 to " + (nodes - 1));
        }
        return node;
    }

    /**
     * {@code set_max_huge_pages()}: first surplus pages become persistent, then fresh pages come from the buddy
     * allocator (spread over the nodes, {@code alloc_pool_huge_folio()}) until the count is met or an allocation
     * fails; to shrink, free pages go back to the buddy allocator down to what is in use or reserved
     * ({@code min_count}), and the rest of the difference turns persistent pages into surplus ones.
     */
    @Override
    public void setNrHugePages(int order, int node, long count) {
        Hstate h = hstate(order);
        if (count < 0) {
            throw new IllegalArgumentException("nr_hugepages " + count + "; expected 0 or more");
        }
        if (node >= 0) {
            // __nr_hugepages_store_common(): a node's count is the pool's with that node's part replaced.
            count += h.persistent() - (h.nrHugePagesNode[checkNode(node)] - h.surplusHugePagesNode[node]);
        }
        while (h.surplusHugePages > 0 && count > h.persistent()) {
            if (!adjustPoolSurplus(h, node, -1)) {
                break;
            }
        }
        while (count > h.persistent()) {
            long pfn = node >= 0 ? allocFresh(h, node) : allocPoolHugeFolio(h);
            if (pfn == HugetlbPages.NO_PAGE) {
                break;
            }
            h.nrHugePages++;
            h.nrHugePagesNode[nodeOf.applyAsInt(pfn)]++;
            enqueue(h, pfn);
        }
        long minCount = Math.max(count, h.resvHugePages + h.nrHugePages - h.freeHugePages);
        while (minCount < h.persistent()) {
            if (!freePoolHugeFolio(h, node)) {
                break;
            }
        }
        while (count < h.persistent()) {
            if (!adjustPoolSurplus(h, node, 1)) {
                break;
            }
        }
    }

    /**
     * {@code adjust_pool_surplus()}: one page of a node becomes surplus ({@code delta} 1, a node with pages beyond
     * its surplus) or persistent again (-1, a node with surplus pages).
     */
    private boolean adjustPoolSurplus(Hstate h, int only, int delta) {
        for (int n = 0; n < nodes; n++) {
            if (only >= 0 && n != only) {
                continue;
            }
            boolean can = delta < 0 ? h.surplusHugePagesNode[n] > 0
                    : h.surplusHugePagesNode[n] < h.nrHugePagesNode[n];
            if (can) {
                h.surplusHugePages += delta;
                h.surplusHugePagesNode[n] += delta;
                return true;
            }
        }
        return false;
    }

    /** {@code free_pool_huge_folio()}: a free page of the node with the most (or of the node given) leaves the pool. */
    private boolean freePoolHugeFolio(Hstate h, int only) {
        int from = -1;
        for (int n = 0; n < nodes; n++) {
            if ((only < 0 || n == only) && !h.free[n].isEmpty() && (from < 0 || h.free[n].size() > h.free[from].size())) {
                from = n;
            }
        }
        if (from < 0) {
            return false;
        }
        long pfn = h.free[from].pop();
        h.freeHugePages--;
        h.nrHugePages--;
        h.nrHugePagesNode[from]--;
        if (h.surplusHugePagesNode[from] > 0) {
            h.surplusHugePages--;
            h.surplusHugePagesNode[from]--;
        }
        release(h, pfn);
        return true;
    }

    /**
     * A fresh huge page from the buddy allocator ({@code only_alloc_fresh_hugetlb_folio()}): GFP_HIGHUSER_MOVABLE
     * with __GFP_COMP, __GFP_RETRY_MAYFAIL and __GFP_NOWARN, so it may reclaim and compact but never OOM-kills or
     * warns; counted in htlb_buddy_alloc_success or _fail. A gigantic page from contiguous memory.
     */
    /**
     * {@code alloc_pool_huge_folio()}: a fresh page for the pool from the nodes in turn ({@code
     * h->next_nid_to_alloc}), each asked for a page of its own; a node that has none passes the turn to the next.
     */
    private long allocPoolHugeFolio(Hstate h) {
        for (int tried = 0; tried < nodes; tried++) {
            int nid = h.nextNidToAlloc;
            h.nextNidToAlloc = (nid + 1) % nodes;
            long pfn = allocFresh(h, nid);
            if (pfn != HugetlbPages.NO_PAGE) {
                return pfn;
            }
        }
        return HugetlbPages.NO_PAGE;
    }

    private long allocFresh(Hstate h, int node) {
        if (h.gigantic()) {
            return contig.alloc(h.order, node);
        }
        int gfp = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_COMP | Gfp.__GFP_RETRY_MAYFAIL | Gfp.__GFP_NOWARN;
        // alloc_buddy_hugetlb_folio() with __GFP_THISNODE: that node's zones only.
        long pfn = node >= 0 ? allocator.allocPages(gfp | Gfp.__GFP_THISNODE, h.order, node, 1L << node)
                : allocator.allocPages(gfp, h.order);
        vmstat.inc(pfn == PageAllocator.NO_PAGE ? VmItem.HTLB_BUDDY_ALLOC_FAIL : VmItem.HTLB_BUDDY_ALLOC_SUCCESS);
        return pfn == PageAllocator.NO_PAGE ? HugetlbPages.NO_PAGE : pfn;
    }

    private void release(Hstate h, long pfn) {
        if (h.gigantic()) {
            contig.free(pfn, h.order);
        } else {
            allocator.freePages(pfn, h.order);
        }
    }

    private void enqueue(Hstate h, long pfn) {
        h.free[nodeOf.applyAsInt(pfn)].push(pfn);
        h.freeHugePages++;
    }

    /** {@code dequeue_hugetlb_folio_nodemask()}: the last page freed on the first node that has one. */
    private long dequeue(Hstate h) {
        for (int n = 0; n < nodes; n++) {
            if (!h.free[n].isEmpty()) {
                h.freeHugePages--;
                return h.free[n].pop();
            }
        }
        return HugetlbPages.NO_PAGE;
    }

    /** {@code alloc_surplus_hugetlb_folio()}: a surplus page, within vm.nr_overcommit_hugepages. */
    private long allocSurplus(Hstate h) {
        if (h.gigantic() || h.surplusHugePages >= h.nrOvercommitHugePages) {
            return HugetlbPages.NO_PAGE;
        }
        long pfn = allocFresh(h, -1);
        if (pfn != HugetlbPages.NO_PAGE) {
            int node = nodeOf.applyAsInt(pfn);
            h.nrHugePages++;
            h.nrHugePagesNode[node]++;
            h.surplusHugePages++;
            h.surplusHugePagesNode[node]++;
        }
        return pfn;
    }

    /**
     * {@code hugetlb_acct_memory()} and {@code gather_surplus_pages()}: the free pages must cover every reservation;
     * what they do not is allocated as surplus pages, all or none.
     */
    @Override
    public boolean reserve(int order, long pages) {
        Hstate h = hstate(order);
        long needed = h.resvHugePages + pages - h.freeHugePages;
        if (needed > 0) {
            if (h.gigantic() || h.surplusHugePages + needed > h.nrOvercommitHugePages) {
                return false;
            }
            long[] gathered = new long[(int) needed];
            for (int i = 0; i < needed; i++) {
                gathered[i] = allocSurplus(h);
                if (gathered[i] == HugetlbPages.NO_PAGE) {
                    for (int j = 0; j < i; j++) {
                        dropSurplus(h, gathered[j]);
                    }
                    return false;
                }
            }
            for (long pfn : gathered) {
                enqueue(h, pfn);
            }
        }
        h.resvHugePages += pages;
        return true;
    }

    /** {@code hugetlb_acct_memory()} with a negative delta, then {@code return_unused_surplus_pages()}. */
    @Override
    public void unreserve(int order, long pages) {
        Hstate h = hstate(order);
        if (pages < 0 || pages > h.resvHugePages) {
            throw new IllegalArgumentException("unreserve of " + pages + " huge pages; " + h.resvHugePages + " reserved");
        }
        h.resvHugePages -= pages;
        long unused = Math.min(pages, h.surplusHugePages);
        while (unused-- > 0 && freePoolHugeFolio(h, -1)) {
            // Each free surplus page no reservation needs goes back to the buddy allocator.
        }
    }

    @Override
    public long allocFolio(int order, boolean reserved) {
        Hstate h = hstate(order);
        long pfn;
        if (reserved || h.freeHugePages - h.resvHugePages > 0) {
            pfn = dequeue(h);
            if (reserved && pfn != HugetlbPages.NO_PAGE) {
                h.resvHugePages--;
            }
        } else {
            pfn = allocSurplus(h);
        }
        if (pfn == HugetlbPages.NO_PAGE) {
            return pfn;
        }
        long pages = 1L << order;
        // The fault clears the page (folio_zero_user()): its content is zeroes.
        for (long p = pfn; p < pfn + pages; p++) {
            frames.setContent(p, 0);
        }
        vmstat.add(VmItem.NR_HUGETLB, pages);
        return pfn;
    }

    /**
     * {@code free_huge_folio()}: a surplus page goes back to the buddy allocator (as long as the node has surplus), any
     * other to the pool's free list.
     */
    @Override
    public void freeFolio(int order, long pfn) {
        Hstate h = hstate(order);
        if (frames.refcount(pfn) != 1 || frames.mapcount(pfn) != 0) {
            throw new IllegalStateException("huge page " + pfn + " freed while mapped or referenced");
        }
        frames.setMapping(pfn, 0, 0);
        vmstat.add(VmItem.NR_HUGETLB, -(1L << order));
        int node = nodeOf.applyAsInt(pfn);
        if (h.surplusHugePagesNode[node] > 0) {
            dropSurplus(h, pfn);
        } else {
            enqueue(h, pfn);
        }
    }

    /** A surplus page leaves the pool for the buddy allocator ({@code update_and_free_hugetlb_folio()}). */
    private void dropSurplus(Hstate h, long pfn) {
        int node = nodeOf.applyAsInt(pfn);
        h.nrHugePages--;
        h.nrHugePagesNode[node]--;
        h.surplusHugePages--;
        h.surplusHugePagesNode[node]--;
        release(h, pfn);
    }

    static boolean gigantic(int order) {
        return order > PageOrder.MAX_PAGE_ORDER;
    }
}
