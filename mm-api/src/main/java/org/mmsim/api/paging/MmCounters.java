package org.mmsim.api.paging;

/**
 * The memory figures of one address space ({@code struct mm_struct}), as /proc/PID/status prints them
 * ({@code task_mem()} in fs/proc/task_mmu.c). Sizes in pages.
 *
 * @param totalVm mapped pages (VmSize)
 * @param hiwaterVm the most ever mapped (VmPeak)
 * @param lockedVm mlocked pages (VmLck)
 * @param pinnedVm pinned pages (VmPin)
 * @param hiwaterRss the most ever resident (VmHWM)
 * @param rssAnon resident anonymous pages (RssAnon)
 * @param rssFile resident file-backed pages (RssFile)
 * @param rssShmem resident shared-memory pages (RssShmem)
 * @param dataVm private writable, not stack, pages (VmData)
 * @param stackVm stack pages (VmStk)
 * @param execVm executable, non-writable file pages of the program (VmExe) and libraries (VmLib) together
 * @param exeVm the program's own text (VmExe)
 * @param pgtablesBytes bytes of page tables (VmPTE)
 * @param swapEntries pages in swap (VmSwap)
 * @param hugetlbPages the pages of the hugetlbfs huge pages mapped ({@code mm->hugetlb_usage}, HugetlbPages; not in
 *     any RSS figure)
 */
public record MmCounters(long totalVm, long hiwaterVm, long lockedVm, long pinnedVm, long hiwaterRss, long rssAnon,
                         long rssFile, long rssShmem, long dataVm, long stackVm, long execVm, long exeVm,
                         long pgtablesBytes, long swapEntries, long hugetlbPages) {
    /** A kernel thread's: it has no address space of its own ({@code mm == NULL}), every figure 0. */
    public static final MmCounters NONE = new MmCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Resident pages (VmRSS). */
    public long rss() {
        return rssAnon + rssFile + rssShmem;
    }
}
