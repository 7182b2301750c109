package org.mmsim.reclaim.oom;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.Arch;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The {@code Mem-Info:} block of an OOM report ({@code __show_mem()} and {@code show_free_areas()} in mm/show_mem.c
 * of Linux 6.18): the machine's page counts, each node's, each zone's watermarks and free lists, huge pages, the
 * page cache and swap, and the RAM totals.
 *
 * <p>Every figure is read from the machine's state as the kernel reads its own: the machine-wide counts from the
 * {@link VmStat} items the kernel prints (so the LRU counts fill in as the reclaim layer keeps them), a zone's LRU,
 * write-pending and mlocked pages by walking its frames' flags (PG_lru, PG_active, PG_swapbacked, PG_unevictable,
 * PG_dirty, PG_writeback, PG_mlocked), which is what the kernel's per-zone counters count. mmsim keeps the node
 * counters machine-wide, so with several nodes the first node's line shows them and the others show zeros, as
 * /proc/zoneinfo does. Fields of features mmsim does not have (bounce buffers, CMA, zsmalloc, balloon, huge page
 * pools, secondary page tables' owners) print 0, as on a kernel where they are unused; {@code local_pcp} is CPU 0's.
 */
final class ShowMem {
    /** The letters of {@code show_migration_types()}, in {@link MigrateType} order. */
    private static final char[] TYPE_LETTERS = {'U', 'M', 'E', 'H', 'C', 'I'};
    private static final int PAGEBLOCK_PAGES = 1 << PageOrder.PAGEBLOCK_ORDER;

    private final VmStat vmstat;
    private final PhysicalMemory memory;
    private final PageFrames frames;
    private final Swap swap;
    private final MachineConfig config;

    ShowMem(VmStat vmstat, PhysicalMemory memory, PageFrames frames, Swap swap, MachineConfig config) {
        this.vmstat = vmstat;
        this.memory = memory;
        this.frames = frames;
        this.swap = swap;
        this.config = config;
    }

    private static long k(long pages) {
        return pages << 2;
    }

    private long v(VmItem item) {
        return vmstat.get(item);
    }

    /** The lines {@code __show_mem()} prints, {@code Mem-Info:} first. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        List<ZoneInfo> zones = new ArrayList<>();
        for (ZoneInfo zone : memory.zones()) {
            if (zone.populated()) {
                zones.add(zone);
            }
        }
        long freePcp = 0;
        for (ZoneInfo zone : zones) {
            freePcp += pcpCount(zone);
        }
        out.add("Mem-Info:");
        out.add(String.format("active_anon:%d inactive_anon:%d isolated_anon:%d", v(VmItem.NR_ACTIVE_ANON),
                v(VmItem.NR_INACTIVE_ANON), v(VmItem.NR_ISOLATED_ANON)));
        out.add(String.format(" active_file:%d inactive_file:%d isolated_file:%d", v(VmItem.NR_ACTIVE_FILE),
                v(VmItem.NR_INACTIVE_FILE), v(VmItem.NR_ISOLATED_FILE)));
        out.add(String.format(" unevictable:%d dirty:%d writeback:%d", v(VmItem.NR_UNEVICTABLE), v(VmItem.NR_DIRTY),
                v(VmItem.NR_WRITEBACK)));
        out.add(String.format(" slab_reclaimable:%d slab_unreclaimable:%d", v(VmItem.NR_SLAB_RECLAIMABLE),
                v(VmItem.NR_SLAB_UNRECLAIMABLE)));
        out.add(String.format(" mapped:%d shmem:%d pagetables:%d", v(VmItem.NR_MAPPED), v(VmItem.NR_SHMEM),
                v(VmItem.NR_PAGE_TABLE_PAGES)));
        out.add(String.format(" sec_pagetables:%d bounce:0", v(VmItem.NR_SEC_PAGE_TABLE_PAGES)));
        out.add(String.format(" kernel_misc_reclaimable:%d", v(VmItem.NR_KERNEL_MISC_RECLAIMABLE)));
        out.add(String.format(" free:%d free_pcp:%d free_cma:%d", memory.freePages(), freePcp, v(VmItem.NR_FREE_CMA)));
        for (int node = 0; node < memory.nodes(); node++) {
            out.add(nodeLine(node));
        }
        for (ZoneInfo zone : zones) {
            out.add(zoneLine(zone));
            StringBuilder reserve = new StringBuilder("lowmem_reserve[]:");
            for (long pages : zone.protection()) {
                reserve.append(' ').append(pages);
            }
            out.add(reserve.toString());
        }
        for (ZoneInfo zone : zones) {
            out.add(freeAreas(zone));
        }
        for (int node = 0; node < memory.nodes(); node++) {
            for (long size : hugePageSizesKb()) {
                out.add(String.format("Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=%dkB", node, size));
            }
        }
        out.add(v(VmItem.NR_FILE_PAGES) + " total pagecache pages");
        // show_swap_cache_info()
        Swap s = swap;
        out.add(s.cachedPages() + " pages in swap cache");
        out.add("Free swap  = " + k(s.freePages()) + "kB");
        out.add("Total swap = " + k(s.totalPages()) + "kB");
        long present = 0;
        long reserved = 0;
        long high = 0;
        for (ZoneInfo zone : zones) {
            present += zone.present();
            reserved += zone.present() - zone.managed();
            if (zone.type() == ZoneType.HIGHMEM) {
                high += zone.present();
            }
        }
        out.add(present + " pages RAM");
        out.add(high + " pages HighMem/MovableOnly");
        out.add(reserved + " pages reserved");
        out.add("0 pages cma reserved");
        out.add("0 pages hwpoisoned");
        return out;
    }

    private String nodeLine(int node) {
        boolean first = node == 0;
        StringBuilder s = new StringBuilder("Node ").append(node);
        field(s, "active_anon", first ? k(v(VmItem.NR_ACTIVE_ANON)) : 0);
        field(s, "inactive_anon", first ? k(v(VmItem.NR_INACTIVE_ANON)) : 0);
        field(s, "active_file", first ? k(v(VmItem.NR_ACTIVE_FILE)) : 0);
        field(s, "inactive_file", first ? k(v(VmItem.NR_INACTIVE_FILE)) : 0);
        field(s, "unevictable", first ? k(v(VmItem.NR_UNEVICTABLE)) : 0);
        field(s, "isolated(anon)", first ? k(v(VmItem.NR_ISOLATED_ANON)) : 0);
        field(s, "isolated(file)", first ? k(v(VmItem.NR_ISOLATED_FILE)) : 0);
        field(s, "mapped", first ? k(v(VmItem.NR_MAPPED)) : 0);
        field(s, "dirty", first ? k(v(VmItem.NR_DIRTY)) : 0);
        field(s, "writeback", first ? k(v(VmItem.NR_WRITEBACK)) : 0);
        field(s, "shmem", first ? k(v(VmItem.NR_SHMEM)) : 0);
        // The THP items count huge pages, as /proc/vmstat prints them; show_free_areas() prints kB.
        long hugeKb = k(1L << PageOrder.PAGEBLOCK_ORDER);
        field(s, "shmem_thp", first ? v(VmItem.NR_SHMEM_HUGEPAGES) * hugeKb : 0);
        field(s, "shmem_pmdmapped", first ? v(VmItem.NR_SHMEM_PMDMAPPED) * hugeKb : 0);
        field(s, "anon_thp", first ? v(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES) * hugeKb : 0);
        // NR_KERNEL_STACK_KB is kept in kB already.
        field(s, "kernel_stack", first ? v(VmItem.NR_KERNEL_STACK) : 0);
        field(s, "pagetables", first ? k(v(VmItem.NR_PAGE_TABLE_PAGES)) : 0);
        field(s, "sec_pagetables", first ? k(v(VmItem.NR_SEC_PAGE_TABLE_PAGES)) : 0);
        s.append(" all_unreclaimable? no");
        field(s, "Balloon", first ? k(v(VmItem.NR_BALLOON_PAGES)) : 0);
        return s.toString();
    }

    private static void field(StringBuilder s, String name, long kb) {
        s.append(' ').append(name).append(':').append(kb).append("kB");
    }

    private static long pcpCount(ZoneInfo zone) {
        long count = 0;
        for (int cpu = 0; cpu < zone.cpus(); cpu++) {
            count += zone.pcp(cpu)[0];
        }
        return count;
    }

    private String zoneLine(ZoneInfo zone) {
        long[] lru = zoneLru(zone);
        long highatomicFree = 0;
        for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
            highatomicFree += zone.nrFree(order, MigrateType.HIGHATOMIC) << order;
        }
        StringBuilder s = new StringBuilder(String.format("Node %d %s", zone.node(), zone.type().kernelName()));
        field(s, "free", k(zone.freePages()));
        field(s, "boost", k(zone.watermarkBoost()));
        field(s, "min", k(zone.watermark(0)));
        field(s, "low", k(zone.watermark(1)));
        field(s, "high", k(zone.watermark(2)));
        // The kernel spells these two "KB".
        s.append(" reserved_highatomic:").append(k(zone.pageblocks()[MigrateType.HIGHATOMIC.ordinal()] * PAGEBLOCK_PAGES)).append("KB");
        s.append(" free_highatomic:").append(k(highatomicFree)).append("KB");
        field(s, "active_anon", k(lru[0]));
        field(s, "inactive_anon", k(lru[1]));
        field(s, "active_file", k(lru[2]));
        field(s, "inactive_file", k(lru[3]));
        field(s, "unevictable", k(lru[4]));
        field(s, "writepending", k(lru[5]));
        field(s, "zspages", 0);
        field(s, "present", k(zone.present()));
        field(s, "managed", k(zone.managed()));
        field(s, "mlocked", k(lru[6]));
        field(s, "bounce", 0);
        field(s, "free_pcp", k(pcpCount(zone)));
        field(s, "local_pcp", k(zone.cpus() > 0 ? zone.pcp(0)[0] : 0));
        field(s, "free_cma", 0);
        return s.toString();
    }

    /**
     * A zone's LRU pages by list (active anon, inactive anon, active file, inactive file, unevictable), its file
     * pages dirty or under writeback ({@code NR_ZONE_WRITE_PENDING}) and its mlocked pages, from the frames' flags.
     */
    private long[] zoneLru(ZoneInfo zone) {
        long[] counts = new long[7];
        long end = zone.startPfn() + zone.spanned();
        for (long pfn = zone.startPfn(); pfn < end; pfn++) {
            int flags = frames.flags(pfn);
            if ((flags & (PageFlags.BUDDY | PageFlags.RESERVED)) != 0) {
                continue;
            }
            boolean anon = (flags & PageFlags.SWAPBACKED) != 0;
            if ((flags & PageFlags.LRU) != 0) {
                if ((flags & PageFlags.UNEVICTABLE) != 0) {
                    counts[4]++;
                } else {
                    counts[((flags & PageFlags.ACTIVE) != 0 ? 0 : 1) + (anon ? 0 : 2)]++;
                }
            }
            if (!anon && (flags & (PageFlags.DIRTY | PageFlags.WRITEBACK)) != 0) {
                counts[5]++;
            }
            if ((flags & PageFlags.MLOCKED) != 0) {
                counts[6]++;
            }
        }
        return counts;
    }

    /** {@code Node N ZONE: 1*4kB (M) 0*8kB ... = NkB}: the free blocks of each order and the lists that hold them. */
    private static String freeAreas(ZoneInfo zone) {
        StringBuilder s = new StringBuilder(String.format("Node %d %s: ", zone.node(), zone.type().kernelName()));
        long total = 0;
        MigrateType[] types = MigrateType.values();
        for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
            long blocks = zone.nrFree(order);
            total += blocks << order;
            s.append(blocks).append('*').append(k(1L << order)).append("kB ");
            if (blocks > 0) {
                StringBuilder letters = new StringBuilder();
                for (MigrateType type : types) {
                    if (zone.nrFree(order, type) > 0) {
                        letters.append(TYPE_LETTERS[type.ordinal()]);
                    }
                }
                s.append('(').append(letters).append(") ");
            }
        }
        return s.append("= ").append(k(total)).append("kB").toString();
    }

    /** The huge page sizes {@code hugetlb_show_meminfo_node()} lists: x86-64's 1 GiB and 2 MiB, i386's one. */
    private long[] hugePageSizesKb() {
        if (config.arch() == Arch.X86_64) {
            return new long[] {1L << 20, 2048};
        }
        return new long[] {config.pagingMode() == org.mmsim.api.paging.PagingMode.I386_PAE ? 2048 : 4096};
    }
}
