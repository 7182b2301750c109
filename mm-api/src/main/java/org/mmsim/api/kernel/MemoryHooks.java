package org.mmsim.api.kernel;

/**
 * What the other layers register in the physical layer once they are up, as the kernel's subsystems register with
 * the page allocator late in {@code start_kernel()}: reclaim, for when memory runs short, and the owners of pages
 * compaction may move.
 */
public interface MemoryHooks {
    /**
     * Registers what the page allocator asks of reclaim when memory runs short; until then nothing is reclaimed (an
     * allocation that needs reclaim fails).
     *
     * @throws IllegalStateException if a hook is registered already
     */
    void registerReclaimHook(ReclaimHook hook);

    /** Registers an owner of pages that compaction may ask to move its pages. */
    void registerMigration(PageMigration owner);
}
