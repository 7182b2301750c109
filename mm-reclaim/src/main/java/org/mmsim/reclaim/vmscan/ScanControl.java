package org.mmsim.reclaim.vmscan;

import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.ZoneType;

/**
 * One reclaim's {@code struct scan_control} (mm/vmscan.c): what the entry that starts it asks for, passed down through
 * {@code shrink_node()} to each page, and what it has done so far. Each entry builds its own, as the kernel's do on
 * their stacks: direct reclaim ({@link #tryToFreePages}), kswapd ({@link #balancePgdat}), a reclaim of a node on demand
 * ({@link #proactive}) and local replacement's reclaim of one page ({@link #reclaimPage}). It has the kernel's fields
 * the model reads: {@code may_unmap} is left out, as no entry here clears it (node reclaim without RECLAIM_UNMAP is
 * not modelled), and so is {@code order}, which only the entries read (direct reclaim's target, kswapd's wake-up).
 */
public final class ScanControl {
    /** {@code DEF_PRIORITY}: a scan starts by looking at a list's size {@code >> 12}. */
    static final int DEF_PRIORITY = 12;

    /** {@code nr_to_reclaim}: the pages to reclaim before stopping. */
    final long nrToReclaim;
    /** {@code gfp_mask}: the allocation's flags; without __GFP_IO no page goes to swap, without __GFP_FS none is written. */
    final int gfpMask;
    /** {@code reclaim_idx}: the highest zone whose pages may be reclaimed; pages of higher zones are skipped. */
    final ZoneType reclaimIdx;
    /** {@code may_writepage}: dirty pages may be written (to their file, or to swap). */
    final boolean mayWritepage;
    /** {@code may_swap}: anonymous pages may be scanned and swapped. */
    final boolean maySwap;
    /** {@code current_is_kswapd()}: kswapd reclaims (pgscan_kswapd, pgsteal_kswapd) rather than an allocation. */
    final boolean kswapd;
    /** {@code priority}: the scan looks at each list's size {@code >> priority}, 12 down to 0. */
    int priority = DEF_PRIORITY;
    /** {@code nr_scanned}: pages looked at, those skipped for their zone included. */
    long nrScanned;
    /** {@code nr_reclaimed}: pages freed. */
    long nrReclaimed;

    private ScanControl(long nrToReclaim, int gfpMask, ZoneType reclaimIdx, boolean mayWritepage, boolean maySwap,
                        boolean kswapd) {
        if (nrToReclaim < 0) {
            throw new IllegalArgumentException("nr_to_reclaim " + nrToReclaim + "; expected 0 or more");
        }
        this.nrToReclaim = nrToReclaim;
        this.gfpMask = gfpMask;
        this.reclaimIdx = java.util.Objects.requireNonNull(reclaimIdx, "reclaimIdx");
        this.mayWritepage = mayWritepage;
        this.maySwap = maySwap;
        this.kswapd = kswapd;
    }

    /**
     * {@code try_to_free_pages()}: direct reclaim for an allocation of {@code gfp}, bounded by the highest zone it may
     * use ({@code gfp_zone()}); every page may be written and swapped, as far as {@code gfp} lets it do I/O.
     */
    public static ScanControl tryToFreePages(long nrToReclaim, int gfp, ZoneType reclaimIdx) {
        return new ScanControl(nrToReclaim, gfp, reclaimIdx, true, true, false);
    }

    /**
     * {@code balance_pgdat()}: kswapd up to the highest zone it was woken for, with GFP_KERNEL. Reclaiming for a
     * watermark boost ({@code nr_boost_reclaim}) it neither writes nor swaps: only clean file pages go.
     */
    public static ScanControl balancePgdat(long nrToReclaim, ZoneType reclaimIdx, boolean boosting) {
        return new ScanControl(nrToReclaim, Gfp.GFP_KERNEL, reclaimIdx, !boosting, !boosting, true);
    }

    /**
     * A reclaim of a node on demand (memory.reclaim: {@code user_proactive_reclaim()}): GFP_KERNEL, every zone, every
     * page may be written, unmapped and swapped; counted as direct reclaim.
     */
    public static ScanControl proactive(long nrToReclaim) {
        return new ScanControl(nrToReclaim, Gfp.GFP_KERNEL, ZoneType.DEVICE, true, true, false);
    }

    /** Local replacement's reclaim of one page a process gives up: as direct reclaim of that page would. */
    static ScanControl reclaimPage() {
        return new ScanControl(1, Gfp.GFP_KERNEL, ZoneType.DEVICE, true, true, false);
    }

    /**
     * Whether an anonymous page may get a swap slot and be written to it: {@code add_to_swap()} needs __GFP_IO, and
     * {@code pageout()} of a swap-cache page {@code may_writepage} and {@code may_enter_fs()} (__GFP_IO for swap).
     */
    boolean mayWriteSwap() {
        return mayWritepage && (gfpMask & Gfp.__GFP_IO) != 0;
    }

    /** Whether a dirty file page may be written out: {@code may_writepage} and {@code may_enter_fs()} (__GFP_FS). */
    boolean mayWriteFile() {
        return mayWritepage && (gfpMask & Gfp.__GFP_FS) != 0;
    }

    @Override
    public String toString() {
        return "scan_control{nr_to_reclaim=" + nrToReclaim + ", gfp_mask=0x" + Integer.toHexString(gfpMask)
                + ", reclaim_idx=" + reclaimIdx + ", may_writepage=" + mayWritepage + ", may_swap=" + maySwap
                + ", priority=" + priority + ", nr_scanned=" + nrScanned + ", nr_reclaimed=" + nrReclaimed + "}";
    }
}
