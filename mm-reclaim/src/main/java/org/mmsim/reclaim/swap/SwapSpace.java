package org.mmsim.reclaim.swap;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.ProcessHooks;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.BlockDevices;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapDevice;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The machine's swap (mm/swapfile.c, mm/swap_state.c, mm/page_io.c): swapon and swapoff, slot reference counts, the
 * swap cache and swap-in with readahead. One instance is both sides of it: the {@link Swap} a program administers
 * and the {@link SwapCache} the kernel layers use. The machine's configured swap is the file {@code /swap.img},
 * swapped on at boot without a priority (so -2), as an installer sets a box up.
 *
 * <p>A slot is in use while page-table entries or a swap-cache page hold it. When the last entry lets go
 * ({@link #free}) and a swap-cache page still holds the slot, the page gives it up if it is not mapped
 * ({@code free_swap_and_cache()}) or if swap is more than half full ({@code vm_swap_full()}, as
 * {@code do_swap_page()} frees swap then); otherwise the mapped page keeps its copy in swap, so reclaiming it again
 * costs no write while it stays clean.
 *
 * <p>A page entering the swap cache is marked dirty ({@code add_to_swap()}: it has no copy in its slot yet) and
 * {@link #writePage} cleans it; a page that gives up its slot while it lives on is marked dirty again. Deleting a
 * dirty page that no page table maps while entries still hold its slot would lose what it holds, so it is refused.
 */
public final class SwapSpace implements Swap, SwapCache {
    /** Where an installer puts the swap file, and so where the machine's configured swap is. */
    public static final String BOOT_PATH = "/swap.img";

    private final PageAllocator allocator;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final ProcessHooks processes;
    private final KernelLog log;
    private final SwapAreas areas = new SwapAreas();
    private final SwapCachePages cache;
    private final SlotAllocator slots;
    private final SwapReadahead readahead;
    private final SwapIo io;
    private final SwapDevice device;
    private final BlockDevices disks;

    /**
     * @param processes the paging layer's processes, for swapoff
     * @param lru the LRU lists: pages swap brings in join them
     * @param log the kernel log: swapon's notice goes there
     * @param device where the areas' pages are written
     * @param disks the disks, whose request queues swap's reads and writes wait in: each area's disk's
     */
    @Inject
    public SwapSpace(MachineConfig config, PhysicalMemory memory, PageAllocator allocator, PageFrames frames, VmStat vmstat,
                     ProcessHooks processes, Lru lru, KernelLog log, SwapDevice device, BlockDevices disks) {
        this.disks = disks;
        this.allocator = allocator;
        this.frames = frames;
        this.vmstat = vmstat;
        this.processes = processes;
        this.log = log;
        this.device = device;
        long maxPfn = 0;
        for (ZoneInfo zone : memory.zones()) {
            maxPfn = Math.max(maxPfn, zone.startPfn() + zone.spanned() - 1);
        }
        this.cache = new SwapCachePages(frames, vmstat, areas, maxPfn, lru);
        this.slots = new SlotAllocator(areas, cache);
        this.readahead = new SwapReadahead(SwapReadahead.defaultPageCluster(memory.totalRamPages()));
        this.io = new SwapIo(frames, vmstat);
        if (config.swapPages() > 0) {
            enable(BOOT_PATH, config.swapPages(), -1);
        }
    }

    @Override
    public long addToSwapCache(long pfn) {
        if (frames.refcount(pfn) == 0) {
            throw new IllegalArgumentException(String.format("add_to_swap: page %#x is free", pfn));
        }
        if ((frames.flags(pfn) & PageFlags.SWAPBACKED) == 0) {
            throw new IllegalArgumentException(String.format("add_to_swap: page %#x is not anonymous (PG_swapbacked clear)", pfn));
        }
        long held = cache.entryOf(pfn);
        if (held != 0) {
            throw new IllegalArgumentException(String.format("add_to_swap: page %#x is already in the swap cache as entry %08x",
                    pfn, held));
        }
        long entry = slots.allocate();
        if (entry == 0) {
            return 0;
        }
        frames.getPage(pfn);
        cache.add(areas.get(SwapEntry.type(entry)), SwapEntry.offset(entry), pfn);
        frames.setFlags(pfn, PageFlags.DIRTY);
        return entry;
    }

    @Override
    public long entryOf(long pfn) {
        return cache.entryOf(pfn);
    }

    @Override
    public void writePage(long pfn) {
        long entry = cached(pfn, "swap_writeout");
        io.write(areas.get(SwapEntry.type(entry)), SwapEntry.offset(entry), pfn);
    }

    @Override
    public void deleteFromSwapCache(long pfn) {
        deleteFromSwapCache(pfn, 0);
    }

    @Override
    public void deleteFromSwapCache(long pfn, long shadow) {
        long entry = cached(pfn, "delete_from_swap_cache");
        SwapInfo si = areas.get(SwapEntry.type(entry));
        long offset = SwapEntry.offset(entry);
        int holders = si.count(offset);
        if (holders > 0 && frames.mapcount(pfn) == 0 && (frames.flags(pfn) & PageFlags.DIRTY) != 0) {
            throw new IllegalStateException(String.format("delete_from_swap_cache: page %#x of entry %08x is dirty and "
                    + "unmapped: its content is not in the slot %d page-table entries hold; writePage it first", pfn, entry, holders));
        }
        cache.delete(si, offset, pfn, false);
        if (shadow != 0 && si.inUse(offset)) {
            si.setShadow(offset, shadow);
        }
    }

    private long cached(long pfn, String function) {
        long entry = cache.entryOf(pfn);
        if (entry == 0) {
            throw new IllegalArgumentException(String.format("%s: page %#x is not in the swap cache", function, pfn));
        }
        return entry;
    }

    @Override
    public long lookup(long entry) {
        SwapInfo si = area(entry, "swap_cache_get_folio");
        long pfn = si.cachePage(SwapEntry.offset(entry));
        if (pfn >= 0 && (frames.flags(pfn) & SwapCachePages.PG_READAHEAD) != 0) {
            // swap_update_readahead(): a page read ahead is used; the next window may be wider.
            frames.clearFlags(pfn, SwapCachePages.PG_READAHEAD);
            vmstat.inc(VmItem.SWAP_RA_HIT);
            readahead.hit();
        }
        return pfn;
    }

    @Override
    public long swapIn(long entry, int gfp) {
        SwapInfo si = area(entry, "swapin_readahead");
        long offset = SwapEntry.offset(entry);
        if (!si.inUse(offset)) {
            throw new IllegalArgumentException(String.format("swapin_readahead: Unused swap offset entry %08x", entry));
        }
        if (si.hasCache(offset)) {
            return si.cachePage(offset);
        }
        // The faulting page first, and kept out of sight (not in the cache, not on an LRU) while readahead
        // allocates: an allocation may reclaim, and must not take it.
        long pfn = allocator.allocPages(gfp, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return -1;
        }
        long mask = readahead.pages(offset) - 1;
        long start = Math.max(offset & ~mask, 1);
        long end = Math.min(offset | mask, si.max - 1);
        for (long ra = start; ra <= end; ra++) {
            if (ra != offset && wanted(si, ra)) {
                long page = allocator.allocPages(gfp, 0);
                if (page == PageAllocator.NO_PAGE) {
                    continue;
                }
                if (!wanted(si, ra)) {
                    frames.putPage(page);
                    continue;
                }
                bringIn(si, ra, page);
                frames.setFlags(page, SwapCachePages.PG_READAHEAD);
                vmstat.inc(VmItem.SWAP_RA);
            }
        }
        if (!si.inUse(offset) || si.hasCache(offset)) {
            // What allocating did meanwhile (an OOM kill freed the slot): nothing left to read.
            frames.putPage(pfn);
            return si.hasCache(offset) ? si.cachePage(offset) : -1;
        }
        bringIn(si, offset, pfn);
        return pfn;
    }

    /** Whether readahead reads slot {@code offset}: in use by page-table entries and not in the swap cache. */
    private static boolean wanted(SwapInfo si, long offset) {
        return si.count(offset) > 0 && !si.hasCache(offset);
    }

    /** {@code __read_swap_cache_async()} and {@code swap_read_folio()}: {@code pfn} gets the slot and joins the cache. */
    private void bringIn(SwapInfo si, long offset, long pfn) {
        io.read(si, offset, pfn);
        long shadow = si.shadow(offset);
        si.setCacheBit(offset);
        cache.add(si, offset, pfn);
        cache.lru().addSwapIn(pfn, shadow);
    }

    @Override
    public void duplicate(long entry) {
        SwapInfo si = area(entry, "swap_duplicate");
        long offset = SwapEntry.offset(entry);
        if (!si.inUse(offset)) {
            throw new IllegalArgumentException(String.format("swap_duplicate: Unused swap offset entry %08x", entry));
        }
        si.incCount(offset);
    }

    @Override
    public void free(long entry) {
        SwapInfo si = area(entry, "swap_free");
        long offset = SwapEntry.offset(entry);
        if (si.count(offset) == 0) {
            throw new IllegalArgumentException(String.format("swap_free: Unused swap offset entry %08x", entry));
        }
        si.decCount(offset);
        if (si.count(offset) == 0 && si.hasCache(offset)) {
            long pfn = si.cachePage(offset);
            if (frames.mapcount(pfn) == 0 || areas.swapFull()) {
                cache.delete(si, offset, pfn, true);
            }
        }
        areas.update(si);
    }

    @Override
    public int count(long entry) {
        return area(entry, "swp_swapcount").count(SwapEntry.offset(entry));
    }

    /**
     * The area of {@code entry}, checked as {@code _swap_info_get()} does; an error names the entry as the kernel's
     * log line would.
     */
    private SwapInfo area(long entry, String function) {
        SwapInfo si = areas.get(SwapEntry.type(entry));
        if (si == null || entry < 0) {
            throw new IllegalArgumentException(String.format("%s: Bad swap file entry %08x", function, entry));
        }
        long offset = SwapEntry.offset(entry);
        if (offset == 0 || offset >= si.max) {
            throw new IllegalArgumentException(String.format("%s: Bad swap offset entry %08x", function, entry));
        }
        return si;
    }

    @Override
    public void swapon(String path, long pages, int priority) {
        SwaponArgs.swapon(areas, path, pages, priority);
        SwapInfo si = enable(path, pages, priority);
        // The notice swapon(2) prints (mm/swapfile.c): one extent, on a solid-state device.
        log.printk(String.format("Adding %dk swap on %s.  Priority:%d extents:1 across:%dk SS",
                si.pages() * 4, path, si.prio, si.pages() * 4));
    }

    private SwapInfo enable(String path, long pages, int priority) {
        SwapInfo si = new SwapInfo(areas.freeType(), path, pages, priority >= 0 ? priority : areas.nextNegativePriority(),
                device, disks.queueOf(path));
        device.swapon(si.type, si.max);
        areas.add(si);
        return si;
    }

    @Override
    public void swapoff(String path) {
        SwapInfo si = SwaponArgs.swapoff(areas, path);
        areas.disable(si);
        slots.forget(si);
        if (!processes.swapUnuse(si.type)) {
            areas.reinsert(si);
            throw new IllegalStateException(path + ": swapoff failed: Cannot allocate memory");
        }
        long held = dropCache(si);
        if (held > 0) {
            areas.reinsert(si);
            throw new IllegalStateException(path + ": swapoff failed: " + held + " slots are held by entries no page table has");
        }
        areas.remove(si);
        device.swapoff(si.type);
    }

    /**
     * The end of {@code try_to_unuse()}: every swap-cache page of {@code si} whose slot no entry holds any more gives it
     * up (a mapped page stays, dirty).
     *
     * @return the slots entries still hold
     */
    private long dropCache(SwapInfo si) {
        long held = 0;
        for (int c = 0; c < si.clusters.clusters(); c++) {
            if (si.untouched(c)) {
                continue;
            }
            long end = Math.min(((long) c + 1) << Clusters.SHIFT, si.max);
            for (long offset = Math.max((long) c << Clusters.SHIFT, 1); offset < end; offset++) {
                if (si.count(offset) > 0) {
                    held++;
                } else if (si.hasCache(offset)) {
                    cache.delete(si, offset, si.cachePage(offset), true);
                }
            }
        }
        return held;
    }

    @Override
    public List<SwapArea> areas() {
        List<SwapArea> list = new ArrayList<>();
        for (SwapInfo si : areas.all()) {
            list.add(new SwapArea(si.path, si.partition ? "partition" : "file", si.pages(), si.inuse, si.prio));
        }
        return list;
    }

    @Override
    public long totalPages() {
        return areas.totalPages();
    }

    @Override
    public long freePages() {
        return areas.freePages();
    }

    @Override
    public long cachedPages() {
        return cache.pages();
    }

    @Override
    public int pageCluster() {
        return readahead.pageCluster();
    }

    @Override
    public void setPageCluster(int value) {
        readahead.setPageCluster(value);
    }
}
