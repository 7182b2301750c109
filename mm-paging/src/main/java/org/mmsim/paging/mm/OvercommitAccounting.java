package org.mmsim.paging.mm;

import org.mmsim.api.paging.Overcommit;
import org.mmsim.api.paging.SyscallException;

/**
 * Overcommit accounting (mm/util.c {@code __vm_enough_memory()}): every private writable mapping not made with
 * MAP_NORESERVE charges its pages to {@code vm_committed_as} (Committed_AS). Mode 0 (heuristic) refuses a single
 * request larger than RAM plus swap; mode 1 never refuses; mode 2 refuses once the total would pass CommitLimit,
 * {@code (RAM × overcommit_ratio / 100) + swap}, and charges MAP_NORESERVE mappings too.
 */
public final class OvercommitAccounting implements Overcommit {
    private final long totalRamPages;
    /** {@code total_swap_pages}: what swapon and swapoff leave. */
    private final java.util.function.LongSupplier swapPages;
    private int mode;
    private int ratio = 50;
    private long kbytes;
    private long committed;

    public OvercommitAccounting(long totalRamPages, java.util.function.LongSupplier swapPages) {
        this.totalRamPages = totalRamPages;
        this.swapPages = swapPages;
    }

    @Override
    public long commitLimit() {
        return (kbytes != 0 ? kbytes >> 2 : totalRamPages * ratio / 100) + swapPages.getAsLong();
    }

    @Override
    public long committed() {
        return committed;
    }

    @Override
    public int mode() {
        return mode;
    }

    @Override
    public void setMode(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("overcommit_memory " + value + "; expected 0, 1 or 2");
        }
        mode = value;
    }

    @Override
    public int ratio() {
        return ratio;
    }

    @Override
    public void setRatio(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("overcommit_ratio " + value + "; expected 0 or more");
        }
        // overcommit_ratio_handler(): setting one of the pair clears the other.
        ratio = value;
        kbytes = 0;
    }

    @Override
    public long kbytes() {
        return kbytes;
    }

    @Override
    public void setKbytes(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("overcommit_kbytes " + value + "; expected 0 or more");
        }
        kbytes = value;
        ratio = 0;
    }

    /** Whether a mapping with these flags is charged: private writable, and not MAP_NORESERVE unless in mode 2. */
    boolean accountable(boolean privateWritable, boolean noReserve) {
        return privateWritable && (!noReserve || mode == 2);
    }

    /**
     * Charges {@code pages}.
     *
     * @throws SyscallException ENOMEM when the mode refuses it
     */
    void charge(long pages) {
        if (pages <= 0) {
            committed += pages;
            return;
        }
        if (mode == 0 && pages > totalRamPages + swapPages.getAsLong()) {
            throw new SyscallException("ENOMEM", "cannot commit " + pages + " pages: more than RAM and swap together");
        }
        if (mode == 2 && committed + pages > commitLimit()) {
            throw new SyscallException("ENOMEM", "cannot commit " + pages + " pages: Committed_AS would pass CommitLimit "
                    + commitLimit());
        }
        committed += pages;
    }

    /** Gives back {@code pages}. */
    void uncharge(long pages) {
        committed -= pages;
    }
}
