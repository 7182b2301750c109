package org.mmsim.api.paging;

/**
 * The page figures smaps shows for one VMA, or smaps_rollup for a whole address space, as {@code smaps_account()}
 * sums them into {@code struct mem_size_stats} (fs/proc/task_mmu.c). Sizes in bytes; the proportional figures are
 * summed with the kernel's 12 bits of fraction and cut to whole bytes only at the end, so a rollup's are the kernel's
 * rather than the sum of each VMA's cut figure.
 *
 * @param rss resident bytes (Rss)
 * @param pss proportional set size: each page's size divided by the number of processes mapping it (Pss)
 * @param pssDirty the proportional size of the dirty pages (Pss_Dirty)
 * @param pssAnon the proportional size of the anonymous pages (Pss_Anon, a rollup's only)
 * @param pssFile the proportional size of the file pages (Pss_File, a rollup's only)
 * @param pssShmem the proportional size of the shmem pages (Pss_Shmem, a rollup's only)
 * @param sharedClean bytes in clean pages others map too (Shared_Clean)
 * @param sharedDirty bytes in dirty pages others map too (Shared_Dirty)
 * @param privateClean bytes in clean pages only this process maps (Private_Clean)
 * @param privateDirty bytes in dirty pages only this process maps (Private_Dirty)
 * @param referenced bytes in pages whose accessed bit is set (Referenced)
 * @param anonymous bytes in anonymous pages (Anonymous)
 * @param anonHugePages bytes of those in transparent huge pages (AnonHugePages)
 * @param swap bytes swapped out (Swap)
 * @param pssLocked the proportional size of the pages of VM_LOCKED VMAs (Locked)
 * @param sharedHugetlb bytes of hugetlbfs huge pages others map too (Shared_Hugetlb; never in Rss)
 * @param privateHugetlb bytes of hugetlbfs huge pages only this process maps (Private_Hugetlb)
 */
public record MemSizeStats(long rss, long pss, long pssDirty, long pssAnon, long pssFile, long pssShmem,
                           long sharedClean, long sharedDirty, long privateClean, long privateDirty, long referenced,
                           long anonymous, long anonHugePages, long swap, long pssLocked, long sharedHugetlb,
                           long privateHugetlb) {
    /** A VMA with nothing resident and nothing swapped. */
    public static final MemSizeStats NONE = new MemSizeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
