package org.mmsim.kalloc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.PageCache;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.paging.KernelMappings;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.kalloc.filemap.FilePages;
import org.mmsim.kalloc.vmalloc.VmapAreas;
import org.mmsim.kalloc.slub.SlubAllocator;
import org.mmsim.kalloc.slub.SlubConfig;

/**
 * The Guice module of the kernel-allocator layer: kmalloc, the SLUB caches, vmalloc and the page cache
 * (mm/slub.c, mm/vmalloc.c, mm/filemap.c). It binds the {@link PageCache} and the {@link SlabAllocator} of the
 * machine; the implementations live in unexported packages.
 */
public final class KallocModule extends AbstractModule {
    @Provides
    @Singleton
    Vmalloc vmalloc(MachineConfig config, KernelMappings mappings, PageAllocator allocator, PhysicalMemory memory) {
        return new VmapAreas(config, mappings, allocator, memory);
    }

    @Provides
    @Singleton
    PageCache pageCache(PageAllocator allocator, PageFrames frames, VmStat vmstat) {
        return new FilePages(allocator, frames, vmstat);
    }

    @Provides
    @Singleton
    SlabAllocator slabAllocator(PageAllocator allocator, VmStat vmstat, SimClock clock, MachineConfig config,
                                PhysicalMemory physical) {
        return new SlubAllocator(allocator, vmstat, clock, SlubConfig.of(config, physical.zones()));
    }
}
