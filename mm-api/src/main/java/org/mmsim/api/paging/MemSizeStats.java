package org.mmsim.api.paging;

/**
 * The page figures smaps shows for one VMA, as {@code smaps_account()} sums them into {@code struct mem_size_stats}
 * (fs/proc/task_mmu.c). Sizes in bytes.
 *
 * @param rss resident bytes (Rss)
 * @param pss proportional set size: each page's size divided by the number of processes mapping it (Pss)
 * @param sharedClean bytes in clean pages others map too (Shared_Clean)
 * @param sharedDirty bytes in dirty pages others map too (Shared_Dirty)
 * @param privateClean bytes in clean pages only this process maps (Private_Clean)
 * @param privateDirty bytes in dirty pages only this process maps (Private_Dirty)
 * @param referenced bytes in pages whose accessed bit is set (Referenced)
 * @param anonymous bytes in anonymous pages (Anonymous)
 * @param anonHugePages bytes of those in transparent huge pages (AnonHugePages)
 * @param swap bytes swapped out (Swap)
 */
public record MemSizeStats(long rss, long pss, long sharedClean, long sharedDirty, long privateClean,
                           long privateDirty, long referenced, long anonymous, long anonHugePages, long swap) {
    /** A VMA with nothing resident and nothing swapped. */
    public static final MemSizeStats NONE = new MemSizeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
