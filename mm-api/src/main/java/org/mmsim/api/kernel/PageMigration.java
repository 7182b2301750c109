package org.mmsim.api.kernel;

/**
 * What an owner of allocated pages tells compaction (mm/compaction.c, mm/migrate.c): whether one of its pages may
 * move, and how to move it. The layer that owns a page (the page tables of a process, the page cache, a scenario's
 * raw allocation) moves its contents and every reference to it, as {@code migrate_pages()} does through the rmap.
 */
public interface PageMigration {
    /** Whether the allocated order-0 page at {@code pfn} is this owner's and may be migrated now. */
    boolean isMovable(long pfn);

    /**
     * Moves the page at {@code from} to {@code to}: contents, this owner's per-frame state, and every reference. The
     * frame table's flags, refcount and mapcount have already been copied; the old frame is freed afterwards.
     */
    void migrate(long from, long to);
}
