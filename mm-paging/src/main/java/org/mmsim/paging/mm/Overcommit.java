package org.mmsim.paging.mm;

import org.mmsim.api.paging.SyscallException;

/**
 * Overcommit accounting (mm/util.c {@code __vm_enough_memory()}): every private writable mapping not made with
 * MAP_NORESERVE charges its pages to {@code vm_committed_as} (Committed_AS). Mode 0 (heuristic) refuses a single
 * request larger than RAM plus swap; mode 1 never refuses; mode 2 refuses once the total would pass CommitLimit,
 * {@code (RAM × overcommit_ratio / 100) + swap}, and charges MAP_NORESERVE mappings too.
 */
public final class Overcommit {
    private final long totalRamPages;
    private final long swapPages;
    private int mode;
    private int ratio = 50;
    private long committed;

    public Overcommit(long totalRamPages, long swapPages) {
        this.totalRamPages = totalRamPages;
        this.swapPages = swapPages;
    }

    /** CommitLimit in pages ({@code vm_commit_limit()}). */
    public long commitLimit() {
        return totalRamPages * ratio / 100 + swapPages;
    }

    /** Committed_AS in pages. */
    public long committed() {
        return committed;
    }

    public int mode() {
        return mode;
    }

    public void setMode(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("overcommit_memory " + value + "; expected 0, 1 or 2");
        }
        mode = value;
    }

    public int ratio() {
        return ratio;
    }

    public void setRatio(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("overcommit_ratio " + value + "; expected 0 or more");
        }
        ratio = value;
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
        if (mode == 0 && pages > totalRamPages + swapPages) {
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
