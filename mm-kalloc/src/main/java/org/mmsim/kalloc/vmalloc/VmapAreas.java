package org.mmsim.kalloc.vmalloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.mmsim.api.Arch;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.kalloc.VmapArea;
import org.mmsim.api.kernel.KernelMappings;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;

/**
 * The vmalloc range and its areas (mm/vmalloc.c): {@code alloc_vmap_area()} takes the lowest free range that holds
 * the request and its guard page; {@code vmalloc()} fills it with order-0 pages ({@code __vmalloc_area_node()}),
 * each mapped through the kernel's page tables. A failure part-way gives back whatever it took.
 */
public final class VmapAreas implements Vmalloc {
    private static final long PAGE = 4096;
    private final KernelMappings mappings;
    private final PageAllocator allocator;
    private final PhysicalMemory memory;
    private final KernelLog log;
    private final Supplier<String> comm;
    private final long start;
    private final long end;
    private final TreeMap<Long, Area> busy = new TreeMap<>();
    private long usedPages;

    private static final class Area {
        final long start;
        final long size;
        final String caller;
        final long[] pfns;
        final boolean owned;

        Area(long start, long size, String caller, long[] pfns, boolean owned) {
            this.start = start;
            this.size = size;
            this.caller = caller;
            this.pfns = pfns;
            this.owned = owned;
        }
    }

    /**
     * @param log where {@code warn_alloc()} writes a refused request
     * @param comm the current task's name, which the warning starts with
     */
    public VmapAreas(MachineConfig config, KernelMappings mappings, PageAllocator allocator, PhysicalMemory memory,
                     KernelLog log, Supplier<String> comm) {
        this.log = log;
        this.comm = comm;
        this.mappings = mappings;
        this.allocator = allocator;
        this.memory = memory;
        long[] range = range(config);
        this.start = range[0];
        this.end = range[1];
    }

    /**
     * VMALLOC_START and VMALLOC_END: on x86-64 (arch/x86/include/asm/pgtable_64_types.h) 32 TiB from
     * 0xffffc90000000000 with 4-level paging, 12800 TiB from 0xffa0000000000000 with 5-level; on i386
     * (pgtable_32_areas.h) from 8 MiB above the end of low memory (at most 896 MiB above 0xc0000000) up to below the
     * persistent kmap area at 0xff800000, less two guard pages.
     */
    static long[] range(MachineConfig config) {
        if (config.arch() == Arch.X86_64) {
            if (config.pagingMode() == PagingMode.X86_64_5LEVEL) {
                return new long[] {0xffa0000000000000L, 0xffa0000000000000L + (12800L << 40)};
            }
            return new long[] {0xffffc90000000000L, 0xffffc90000000000L + (32L << 40)};
        }
        long lowmem = Math.min(config.ramBytes(), 896L << 20);
        return new long[] {0xc0000000L + lowmem + (8L << 20), 0xff800000L - 2 * PAGE};
    }

    @Override
    public long vmalloc(long size, String caller) {
        return allocate(size, caller, 0);
    }

    @Override
    public long vzalloc(long size, String caller) {
        return allocate(size, caller, Gfp.__GFP_ZERO);
    }

    private long allocate(long size, String caller, int zero) {
        if (size <= 0) {
            throw new IllegalArgumentException("vmalloc of " + size + " bytes; expected 1 or more");
        }
        checkCaller(caller);
        // __vmalloc_node_range_noprof() (mm/vmalloc.c) fails at once, before it reserves or allocates anything, for
        // more pages than the machine has: no reclaim, no OOM kill for what can never fit.
        int gfp = Gfp.GFP_KERNEL | zero;
        if (size / PAGE > memory.totalRamPages()) {
            return warnAlloc(gfp, size, "exceeds total pages");
        }
        long pages = (size + PAGE - 1) / PAGE;
        long at = pages > Integer.MAX_VALUE ? FAILED : freeRange((pages + 1) * PAGE);
        if (at == FAILED) {
            return warnAlloc(gfp, size, "vm_struct allocation failed");
        }
        long[] pfns = new long[(int) pages];
        for (int i = 0; i < pfns.length; i++) {
            long pfn = allocator.allocPages(gfp | Gfp.__GFP_HIGHMEM, 0);
            if (pfn == PageAllocator.NO_PAGE) {
                release(pfns, i, 0, at, true);
                return warnAlloc(gfp, i * PAGE, "failed to allocate pages");
            }
            pfns[i] = pfn;
        }
        return mapArea(at, pfns, caller, true);
    }

    @Override
    public long vmap(long[] pfns, String caller) {
        if (pfns == null || pfns.length == 0) {
            throw new IllegalArgumentException("vmap of no pages; expected 1 or more");
        }
        checkCaller(caller);
        for (long pfn : pfns) {
            if (!pfnValid(pfn)) {
                throw new IllegalArgumentException(String.format("vmap of pfn %#x: no such frame", pfn));
            }
        }
        long at = freeRange((pfns.length + 1L) * PAGE);
        return at == FAILED ? FAILED : mapArea(at, pfns.clone(), caller, false);
    }

    /**
     * {@code warn_alloc()} (mm/page_alloc.c) of a failed vmalloc: {@code "%s: %pV, mode:%#x(%pGg),
     * nodemask=%*pbl"}, then the cpuset and its mems_allowed (the stack and Mem-Info that follow are left out).
     *
     * @return {@link #FAILED}
     */
    private long warnAlloc(int gfp, long size, String why) {
        String mems = memory.nodes() == 1 ? "0" : "0-" + (memory.nodes() - 1);
        log.printk(String.format("%s: vmalloc error: size %d, %s, mode:%s, nodemask=(null),cpuset=/,mems_allowed=%s",
                comm.get(), size, why, Gfp.describe(gfp), mems));
        return FAILED;
    }

    private static void checkCaller(String caller) {
        if (caller == null) {
            throw new IllegalArgumentException("vmalloc: the caller is null");
        }
    }

    /** {@code pfn_valid()}: a frame of a zone of the machine. */
    private boolean pfnValid(long pfn) {
        return zoneOf(pfn, memory.zones()) != null;
    }

    /** The zone whose span holds {@code pfn}, or null. */
    private static ZoneInfo zoneOf(long pfn, List<ZoneInfo> zones) {
        for (ZoneInfo z : zones) {
            if (pfn >= z.startPfn() && pfn < z.startPfn() + z.spanned()) {
                return z;
            }
        }
        return null;
    }

    private long mapArea(long at, long[] pfns, String caller, boolean owned) {
        for (int i = 0; i < pfns.length; i++) {
            if (!mappings.map(at + i * PAGE, pfns[i], true)) {
                release(pfns, owned ? pfns.length : 0, i, at, owned);
                return FAILED;
            }
        }
        busy.put(at, new Area(at, (pfns.length + 1L) * PAGE, caller, pfns, owned));
        if (owned) {
            usedPages += pfns.length;
        }
        return at;
    }

    /** Undoes a part-way allocation: unmaps {@code mapped} pages from {@code at}, frees the first {@code taken}. */
    private void release(long[] pfns, int taken, int mapped, long at, boolean owned) {
        for (int i = 0; i < mapped; i++) {
            mappings.unmap(at + i * PAGE);
        }
        if (owned) {
            for (int i = 0; i < taken; i++) {
                allocator.freePages(pfns[i], 0);
            }
        }
    }

    /**
     * The lowest free range of {@code size} bytes, or {@link #FAILED} ({@code find_vmap_lowest_match()}). Kernel
     * addresses on x86-64 are negative as longs: they are compared as offsets from the range's start.
     */
    private long freeRange(long size) {
        long candidate = start;
        for (Area a : busy.values()) {
            if (a.start - candidate >= size) {
                return candidate;
            }
            candidate = a.start + a.size;
        }
        return end - candidate >= size ? candidate : FAILED;
    }

    @Override
    public void vfree(long addr) {
        free(addr, true, "vfree");
    }

    @Override
    public void vunmap(long addr) {
        free(addr, false, "vunmap");
    }

    private void free(long addr, boolean owned, String call) {
        Area a = busy.get(addr);
        if (a == null || a.owned != owned) {
            throw new IllegalArgumentException(String.format("Trying to %s() nonexistent vm area (%#x)", call, addr));
        }
        busy.remove(addr);
        release(a.pfns, a.pfns.length, a.pfns.length, a.start, owned);
        if (owned) {
            usedPages -= a.pfns.length;
        }
    }

    @Override
    public List<VmapArea> areas() {
        List<ZoneInfo> zones = memory.zones();
        List<VmapArea> list = new ArrayList<>();
        for (Map.Entry<Long, Area> e : busy.entrySet()) {
            Area a = e.getValue();
            int[] perNode = new int[memory.nodes()];
            for (long pfn : a.pfns) {
                ZoneInfo z = zoneOf(pfn, zones);
                if (z != null) {
                    perNode[z.node()]++;
                }
            }
            list.add(new VmapArea(a.start, a.size, a.caller, a.pfns.length, a.owned ? "vmalloc" : "vmap", perNode));
        }
        return list;
    }

    @Override
    public long start() {
        return start;
    }

    @Override
    public long end() {
        return end;
    }

    @Override
    public long usedPages() {
        return usedPages;
    }
}
