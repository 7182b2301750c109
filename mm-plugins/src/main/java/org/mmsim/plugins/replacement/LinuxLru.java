package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.List;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * The kernel's classic two-list LRU (Linux 6.18 without MGLRU): an inactive and an active list, and a referenced
 * flag per page, as mm/swap.c and mm/vmscan.c keep them for the pages of one lruvec.
 *
 * <ul>
 *   <li>A page that becomes resident goes to the head of the inactive list; the request that brought it in marks it
 *       accessed, so it starts referenced ({@code filemap_read()} calls {@code folio_mark_accessed()} on the folio
 *       it reads).</li>
 *   <li>A hit is {@code folio_mark_accessed()}: an unreferenced page becomes referenced and stays where it is; a
 *       referenced inactive page is activated (moved to the head of the active list, referenced cleared); a
 *       referenced active page stays as it is. A page is promoted by its second use while inactive.</li>
 *   <li>Before a victim is taken, {@code inactive_is_low()} is checked: while inactive × ratio &lt; active, the tail of
 *       the active list is deactivated to the head of the inactive list ({@code shrink_active_list()}), keeping its
 *       referenced flag. The ratio is {@code int_sqrt(10 × GB)} of the resident pages, 1 below 1 GB (4 KiB pages),
 *       unless the {@code inactive-ratio} parameter fixes it.</li>
 *   <li>The victim is the tail of the inactive list. Its referenced flag does not save it: for pages no process maps,
 *       {@code folio_check_references()} returns FOLIOREF_RECLAIM_CLEAN whatever PG_referenced says.</li>
 * </ul>
 * Simplifications, documented: one lruvec (no anon/file split, no swappiness, which the kernel host adds); the
 * active list is shrunk one page at a time rather than in SWAP_CLUSTER_MAX batches; requests are unmapped reads, so
 * no page is kept for young PTEs.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class LinuxLru implements ReplacementPolicyProvider {
    static final String RATIO = "inactive-ratio";

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public String description() {
        return "The kernel's active/inactive LRU with referenced flags (mm/swap.c, mm/vmscan.c, without MGLRU)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(PolicyParameter.ofInteger(RATIO, 0, 0, 1000,
                "target inactive:active ratio; 0 computes int_sqrt(10 x GB) of the resident pages, as inactive_is_low() does"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity(), settings.arguments().intValue(RATIO));
    }

    /** {@code int_sqrt(10 × gb)} for the resident pages, 1 below a gigabyte of 4 KiB pages ({@code inactive_is_low()}). */
    static long inactiveRatio(long residentPages) {
        long gb = residentPages >> (30 - 12);
        return gb == 0 ? 1 : (long) Math.sqrt(10.0 * gb);
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int INACTIVE = 0;
        private static final int ACTIVE = 1;
        private final IntLinkedLists lists;
        private final boolean[] referenced;
        private final int capacity;
        private final int fixedRatio;

        Policy(int capacity, int fixedRatio) {
            this.capacity = capacity;
            this.fixedRatio = fixedRatio;
            lists = new IntLinkedLists(capacity, 2);
            referenced = new boolean[capacity];
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            if (!referenced[slot]) {
                referenced[slot] = true;
            } else if (lists.listOf(slot) == INACTIVE) {
                lists.moveToFirst(ACTIVE, slot);
                referenced[slot] = false;
            }
        }

        @Override
        public int evict() {
            int inactive = lists.size(INACTIVE);
            int active = lists.size(ACTIVE);
            long ratio = fixedRatio > 0 ? fixedRatio : inactiveRatio((long) inactive + active);
            while (active > 0 && inactive * ratio < active) {
                lists.moveToFirst(INACTIVE, lists.last(ACTIVE));
                inactive++;
                active--;
            }
            return lists.removeLast(INACTIVE);
        }

        @Override
        public void onInsert(long key, int slot) {
            lists.addFirst(INACTIVE, slot);
            referenced[slot] = true;
        }

        @Override
        public void onRemove(int slot) {
            lists.remove(slot);
        }
    }
}
