package org.mmsim.tools.proc;

import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.physical.DirectMap;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.paging.Overcommit;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/meminfo} ({@code meminfo_proc_show()} in fs/proc/meminfo.c): each line a label padded to 16 columns,
 * the value in kB right-aligned in 8, then {@code " kB"}; the 54 lines of an x86-64 6.18 kernel with swap, zswap and
 * transparent huge pages configured, in its order. MemTotal is the pages the buddy allocator manages, MemFree its
 * free pages, Buffers the block device's page cache ({@code nr_blockdev_pages()}), Cached NR_FILE_PAGES less swap
 * cache and Buffers (floored at 0, shmem included), SwapTotal and SwapFree the slots of the areas in service and
 * those free ({@code si_swapinfo()}), KReclaimable SReclaimable and the other reclaimable kernel memory, Slab
 * SReclaimable + SUnreclaim, VmallocChunk always 0 (since Linux 5.3), Percpu the per-CPU areas
 * ({@code pcpu_nr_pages()}), the huge page lines {@code hugetlb_report_meminfo()}'s, and DirectMap the page sizes of
 * the kernel's direct mapping of RAM. The others are the vmstat counters of their names.
 */
final class MeminfoFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/meminfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        VmStat v = machine.vmstat();
        Overcommit overcommit = machine.processes().overcommit();
        Vmalloc vmalloc = machine.vmalloc();
        long buffers = machine.files().bufferPages();
        DirectMap direct = machine.physicalMemory().directMap();
        return line("MemTotal:", machine.physicalMemory().totalRamPages())
                + line("MemFree:", machine.physicalMemory().freePages())
                + line("MemAvailable:", memAvailable(machine))
                + line("Buffers:", buffers)
                + line("Cached:", Math.max(0, v.get(VmItem.NR_FILE_PAGES) - v.get(VmItem.NR_SWAPCACHED) - buffers))
                + line("SwapCached:", v.get(VmItem.NR_SWAPCACHED))
                + line("Active:", v.get(VmItem.NR_ACTIVE_ANON) + v.get(VmItem.NR_ACTIVE_FILE))
                + line("Inactive:", v.get(VmItem.NR_INACTIVE_ANON) + v.get(VmItem.NR_INACTIVE_FILE))
                + line("Active(anon):", v.get(VmItem.NR_ACTIVE_ANON))
                + line("Inactive(anon):", v.get(VmItem.NR_INACTIVE_ANON))
                + line("Active(file):", v.get(VmItem.NR_ACTIVE_FILE))
                + line("Inactive(file):", v.get(VmItem.NR_INACTIVE_FILE))
                + line("Unevictable:", v.get(VmItem.NR_UNEVICTABLE))
                + line("Mlocked:", v.get(VmItem.NR_MLOCK))
                + line("SwapTotal:", machine.swap().totalPages())
                + line("SwapFree:", machine.swap().freePages())
                // zswap is not modelled: its pool and the pages stored in it are empty.
                + line("Zswap:", 0)
                + line("Zswapped:", 0)
                + line("Dirty:", v.get(VmItem.NR_DIRTY))
                + line("Writeback:", v.get(VmItem.NR_WRITEBACK))
                + line("AnonPages:", v.get(VmItem.NR_ANON_PAGES))
                + line("Mapped:", v.get(VmItem.NR_MAPPED))
                + line("Shmem:", v.get(VmItem.NR_SHMEM))
                + line("KReclaimable:", v.get(VmItem.NR_SLAB_RECLAIMABLE) + v.get(VmItem.NR_KERNEL_MISC_RECLAIMABLE))
                + line("Slab:", v.get(VmItem.NR_SLAB_RECLAIMABLE) + v.get(VmItem.NR_SLAB_UNRECLAIMABLE))
                + line("SReclaimable:", v.get(VmItem.NR_SLAB_RECLAIMABLE))
                + line("SUnreclaim:", v.get(VmItem.NR_SLAB_UNRECLAIMABLE))
                + kb("KernelStack:", v.get(VmItem.NR_KERNEL_STACK))
                + line("PageTables:", v.get(VmItem.NR_PAGE_TABLE_PAGES))
                + line("SecPageTables:", v.get(VmItem.NR_SEC_PAGE_TABLE_PAGES))
                // 6.18 prints these three as constants: NFS's unstable pages, bounce buffers and FUSE's temporary
                // writeback pages are no longer counted.
                + kb("NFS_Unstable:", 0)
                + kb("Bounce:", 0)
                + kb("WritebackTmp:", 0)
                + line("CommitLimit:", overcommit.commitLimit())
                + line("Committed_AS:", overcommit.committed())
                // VMALLOC_TOTAL is VMALLOC_END - VMALLOC_START with VMALLOC_END the last byte, not one past it.
                + kb("VmallocTotal:", (vmalloc.end() - vmalloc.start() - 1) >> 10)
                + line("VmallocUsed:", vmalloc.usedPages())
                + kb("VmallocChunk:", 0)
                + line("Percpu:", machine.percpu().nrPages())
                + line("AnonHugePages:", v.get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES) << 9)
                + line("ShmemHugePages:", v.get(VmItem.NR_SHMEM_HUGEPAGES) << 9)
                + line("ShmemPmdMapped:", v.get(VmItem.NR_SHMEM_PMDMAPPED) << 9)
                + line("FileHugePages:", v.get(VmItem.NR_FILE_HUGEPAGES) << 9)
                + line("FilePmdMapped:", v.get(VmItem.NR_FILE_PMDMAPPED) << 9)
                + line("Balloon:", v.get(VmItem.NR_BALLOON_PAGES))
                + hugetlb(machine.hugetlb())
                + kb("DirectMap4k:", direct.kb4k())
                + kb("DirectMap2M:", direct.kb2m())
                + kb("DirectMap1G:", direct.kb1g());
    }

    /**
     * {@code si_mem_available()} (mm/show_mem.c): free pages less the reserves, plus the page cache and reclaimable
     * kernel memory that could be freed without swapping, each less the part the low watermarks need.
     */
    static long memAvailable(SimulatedMachine machine) {
        VmStat v = machine.vmstat();
        long lowWmark = 0;
        long totalReserve = 0;
        for (ZoneInfo zone : machine.physicalMemory().zones()) {
            lowWmark += zone.watermark(1);
            // calculate_totalreserve_pages(): the largest lowmem reserve against the zone, plus its high watermark.
            long reserve = 0;
            for (long r : zone.protection()) {
                reserve = Math.max(reserve, r);
            }
            totalReserve += Math.min(reserve + zone.watermark(2), zone.managed());
        }
        long available = machine.physicalMemory().freePages() - totalReserve;
        long pagecache = v.get(VmItem.NR_ACTIVE_FILE) + v.get(VmItem.NR_INACTIVE_FILE);
        available += pagecache - Math.min(pagecache / 2, lowWmark);
        long reclaimable = v.get(VmItem.NR_SLAB_RECLAIMABLE) + v.get(VmItem.NR_KERNEL_MISC_RECLAIMABLE);
        available += reclaimable - Math.min(reclaimable / 2, lowWmark);
        return Math.max(0, available);
    }

    /**
     * {@code hugetlb_report_meminfo()} (mm/hugetlb.c): the default huge page size's pool (the first), and Hugetlb,
     * the kB of every size's pool, free pages included (not NR_HUGETLB, which counts the pages in use).
     */
    private static String hugetlb(org.mmsim.api.physical.HugetlbPools pools) {
        int order = pools.orders()[0];
        long total = 0;
        for (int o : pools.orders()) {
            total += pools.nrHugePages(o) << (o + 2);
        }
        return String.format("HugePages_Total:   %5d\nHugePages_Free:    %5d\nHugePages_Rsvd:    %5d\nHugePages_Surp:    %5d\n",
                pools.nrHugePages(order), pools.freeHugePages(order), pools.resvHugePages(order),
                pools.surplusHugePages(order))
                + kb("Hugepagesize:", 4L << order)
                + kb("Hugetlb:", total);
    }

    /** A line whose value the kernel keeps in kB already ({@code seq_printf(m, "...%8lu kB\n", ...)}). */
    static String kb(String label, long kbytes) {
        return String.format("%-16s%8d kB\n", label, kbytes);
    }

    /** {@code show_val_kb()}: pages shown in kB. */
    static String line(String label, long pages) {
        return String.format("%-16s%8d kB\n", label, pages << 2);
    }
}
