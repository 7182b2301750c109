package org.mmsim.api.kernel;

/**
 * What the other layers register in the physical layer once they are up, as the kernel's subsystems register with
 * the page allocator late in {@code start_kernel()}: reclaim, for when memory runs short, the owners of pages
 * compaction may move, and the shrinkers reclaim runs.
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

    /** Registers a shrinker ({@code shrinker_register()}), which {@link #shrinkSlab} runs from then on. */
    void registerShrinker(Shrinker shrinker);

    /**
     * {@code shrink_slab()} at reclaim priority {@code priority} (12 down to 0; {@code drop_slab()} runs it at 0):
     * each shrinker scans {@code (count >> priority) * 4 / DEFAULT_SEEKS} of its objects, at most twice its count
     * ({@code do_shrink_slab()} in mm/shrinker.c, without the work deferred from one call to the next).
     *
     * @return the objects freed
     */
    long shrinkSlab(int priority);
}
