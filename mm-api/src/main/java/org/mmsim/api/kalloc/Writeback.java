package org.mmsim.api.kalloc;

/**
 * Dirty-page writeback ({@code mm/page-writeback.c}, {@code fs/fs-writeback.c}): the vm.dirty_* tunables, the
 * thresholds {@code global_dirty_limits()} derives from them, and the flusher ({@code wb_workfn()}) that writes
 * dirty pages back in simulated time.
 */
public interface Writeback {
    /** {@code vm.dirty_ratio}: the percentage of dirtyable memory at which writers are throttled (default 20). */
    int dirtyRatio();

    /** Writes {@code vm.dirty_ratio}: 0 to 100. */
    void setDirtyRatio(int percent);

    /** {@code vm.dirty_background_ratio}: the percentage at which the flusher starts writing (default 10). */
    int dirtyBackgroundRatio();

    /** Writes {@code vm.dirty_background_ratio}: 0 to 100. */
    void setDirtyBackgroundRatio(int percent);

    /** {@code vm.dirty_expire_centisecs}: how old dirty data must be for periodic writeback (default 3000). */
    int dirtyExpireCentisecs();

    /** Writes {@code vm.dirty_expire_centisecs}: 0 or more. */
    void setDirtyExpireCentisecs(int centisecs);

    /** {@code vm.dirty_writeback_centisecs}: the flusher's period; 0 turns periodic writeback off (default 500). */
    int dirtyWritebackCentisecs();

    /** Writes {@code vm.dirty_writeback_centisecs}: 0 or more; a change wakes the flusher. */
    void setDirtyWritebackCentisecs(int centisecs);

    /** {@code global_dirtyable_memory()}: free pages above the reserves, plus the file LRU pages, plus one. */
    long dirtyableMemory();

    /** The throttling threshold in pages ({@code global_dirty_limits()}'s dirty; vmstat nr_dirty_threshold). */
    long dirtyThreshold();

    /** The background threshold in pages (vmstat nr_dirty_background_threshold). */
    long backgroundThreshold();

    /** The disk's write bandwidth in bytes per second. */
    long diskBandwidth();
}
