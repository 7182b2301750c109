package org.mmsim.api.reclaim;

/**
 * The LRU lists of a node ({@code enum lru_list} in include/linux/mmzone.h), in the kernel's order: reclaim scans
 * the inactive lists for victims and refills them from the active ones.
 */
public enum LruList {
    INACTIVE_ANON(false, false),
    ACTIVE_ANON(false, true),
    INACTIVE_FILE(true, false),
    ACTIVE_FILE(true, true),
    /** Pages reclaim must not touch: mlocked, ramfs, and anon pages when there is no swap. */
    UNEVICTABLE(false, false);

    private final boolean file;
    private final boolean active;

    LruList(boolean file, boolean active) {
        this.file = file;
        this.active = active;
    }

    /** Whether the list holds file-backed pages ({@code is_file_lru()}). */
    public boolean isFile() {
        return file;
    }

    /** Whether the list is an active one ({@code is_active_lru()}). */
    public boolean isActive() {
        return active;
    }
}
