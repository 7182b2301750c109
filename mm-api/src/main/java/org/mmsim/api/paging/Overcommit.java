package org.mmsim.api.paging;

/**
 * Overcommit accounting (mm/util.c): the vm.overcommit_memory, vm.overcommit_ratio and vm.overcommit_kbytes
 * tunables, and what they give: CommitLimit and Committed_AS of /proc/meminfo. Sizes in pages.
 */
public interface Overcommit {
    /** vm.overcommit_memory: 0 heuristic, 1 always, 2 never beyond CommitLimit. */
    int mode();

    /**
     * Sets vm.overcommit_memory.
     *
     * @throws IllegalArgumentException for a value other than 0, 1 or 2
     */
    void setMode(int mode);

    /** vm.overcommit_ratio: the percentage of RAM CommitLimit counts when overcommit_kbytes is 0. */
    int ratio();

    /**
     * Sets vm.overcommit_ratio (and, as the kernel does, clears overcommit_kbytes).
     *
     * @throws IllegalArgumentException for a negative value
     */
    void setRatio(int ratio);

    /** vm.overcommit_kbytes: CommitLimit's RAM part in kB when not 0. */
    long kbytes();

    /**
     * Sets vm.overcommit_kbytes (and, as the kernel does, clears overcommit_ratio).
     *
     * @throws IllegalArgumentException for a negative value
     */
    void setKbytes(long kbytes);

    /** CommitLimit ({@code vm_commit_limit()}). */
    long commitLimit();

    /** Committed_AS ({@code vm_committed_as}). */
    long committed();
}
