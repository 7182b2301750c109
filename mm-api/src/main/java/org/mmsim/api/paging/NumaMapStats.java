package org.mmsim.api.paging;

/**
 * One line of /proc/PID/numa_maps as fs/proc/task_mmu.c's {@code show_numa_map()} gathers it ({@code struct
 * numa_maps}): the policy that allocates in the VMA and, over its present pages, how many there are, are anonymous,
 * dirty, in the swap cache, active (or unevictable), under writeback, the most mappings any has, and how many are on
 * each node.
 *
 * @param policy the policy as {@code mpol_to_str()} prints it ({@code default}, {@code bind:1})
 * @param nodes the pages on each node, indexed by node
 * @param pageSize the VMA's page size in bytes ({@code kernelpagesize_kB} × 1024)
 */
public record NumaMapStats(long start, String policy, long pages, long anon, long dirty, long mapcountMax,
                           long swapcache, long active, long writeback, long[] nodes, long pageSize) {
}
