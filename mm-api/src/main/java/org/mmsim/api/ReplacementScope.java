package org.mmsim.api;

/**
 * Which pages a fault that needs memory may take: anyone's (global replacement, what Linux does without memory
 * cgroups) or only the faulting process's own once it holds its share (local replacement, what a memory cgroup per
 * process with {@code memory.max} at an equal share gives: try_to_free_mem_cgroup_pages() in mm/vmscan.c).
 */
public enum ReplacementScope {
    /** Reclaim takes pages from every process, by the replacement policy's order. */
    GLOBAL,
    /** Each process keeps at most an equal share of the memory free at boot; past it, it gives up its own pages. */
    LOCAL
}
