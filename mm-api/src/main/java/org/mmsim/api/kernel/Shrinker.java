package org.mmsim.api.kernel;

/**
 * A shrinker (include/linux/shrinker.h): kernel memory that reclaim and {@code drop_caches} ask to give back objects
 * it can do without, such as the huge pages queued for the deferred split. {@code shrink_slab()} asks each one how
 * many objects it could free, then has it scan a part of them that grows as the reclaim priority falls
 * ({@link MemoryHooks#shrinkSlab}).
 */
public interface Shrinker {
    /** {@code count_objects()}: the objects it could free now. */
    long countObjects();

    /**
     * {@code scan_objects()}: frees up to {@code nr} objects.
     *
     * @return the objects freed
     */
    long scanObjects(long nr);
}
