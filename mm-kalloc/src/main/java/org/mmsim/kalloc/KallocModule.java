package org.mmsim.kalloc;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.Files;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kalloc.Percpu;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.kalloc.Writeback;
import org.mmsim.api.kernel.BlockDevices;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.KernelMappings;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.kalloc.blockdev.Disk;
import org.mmsim.kalloc.blockdev.Disks;
import org.mmsim.kalloc.blockdev.RequestQueue;
import org.mmsim.kalloc.buffer.BufferHeads;
import org.mmsim.kalloc.buffer.FsLayout;
import org.mmsim.kalloc.filemap.FilePages;
import org.mmsim.kalloc.filemap.ReadWrite;
import org.mmsim.kalloc.filemap.Readahead;
import org.mmsim.kalloc.percpu.PercpuChunks;
import org.mmsim.kalloc.slub.SlubAllocator;
import org.mmsim.kalloc.slub.SlubConfig;
import org.mmsim.kalloc.vfs.Vfs;
import org.mmsim.kalloc.vmalloc.VmapAreas;
import org.mmsim.kalloc.writeback.DirtyLimits;
import org.mmsim.kalloc.writeback.Flusher;

/**
 * The Guice module of the kernel-allocator layer: kmalloc, the SLUB caches, vmalloc and the page cache
 * (mm/slub.c, mm/vmalloc.c, mm/filemap.c). It binds the {@link PageCache}, the file system calls ({@link Files}),
 * dirty writeback ({@link Writeback}), the disks' {@link BlockQueue}s ({@link BlockDevices}), the {@link SlabAllocator}, {@link Vmalloc} and {@link Percpu} of the machine; the
 * implementations live in unexported packages.
 */
public final class KallocModule extends AbstractModule {
    /** The block device's inode, in the bdev pseudo file system. */
    private static final long BDEV_INODE = 3;

    /** The kalloc layer's bindings, for one machine's injector. */
    public KallocModule() {
    }

    @Provides
    @Singleton
    FilePages filePages(PageAllocator allocator, PageFrames frames, VmStat vmstat, SimClock clock, Disks disks) {
        // The LRU lists are reclaim's, which needs the page cache in turn: reclaim registers them once it is up.
        return new FilePages(allocator, frames, vmstat, clock, new Disk(disks.vda()));
    }

    /**
     * The disks' request queues: the first disk's, which swap files ({@code /swap.img}) share with the files, and
     * the second's for swap partitions on it, with the machine key {@code swap_disk}.
     */
    @Provides
    @Singleton
    Disks disks(MachineConfig config, SimClock clock, Timers timers, VmStat vmstat) {
        return new Disks(new RequestQueue(config.disk(), clock, timers, vmstat), config.swapDisk()
                .map(disk -> new RequestQueue(disk, clock, timers, vmstat)).orElse(null));
    }

    /** The queue a task's plug and waits go through: the first disk's, or both disks' with a second. */
    @Provides
    BlockQueue blockQueue(Disks disks) {
        return disks.taskQueue();
    }

    @Provides
    BlockDevices blockDevices(Disks disks) {
        return disks;
    }

    @Provides
    @Singleton
    Vmalloc vmalloc(MachineConfig config, KernelMappings mappings, PageAllocator allocator, PhysicalMemory memory,
                    KernelLog log, Provider<Processes> processes) {
        // The processes' kernel stacks come from vmalloc: its warnings name the current task through a provider.
        return new VmapAreas(config, mappings, allocator, memory, log, () -> comm(processes.get()));
    }

    /** The current task's comm, as warn_alloc() prints it: swapper/0 when no task runs. */
    private static String comm(Processes processes) {
        int pid = processes.current();
        return pid == 0 ? "swapper/0" : processes.task(pid).name();
    }

    @Provides
    @Singleton
    Flusher flusher(FilePages cache, PhysicalMemory memory, VmStat vmstat, Timers timers) {
        return new Flusher(cache, cache.disk(), new DirtyLimits(memory, vmstat), timers);
    }

    @Provides
    @Singleton
    Vfs vfs(FilePages cache, Flusher flusher, SlabAllocator slab, org.mmsim.api.kernel.MemoryHooks hooks) {
        ReadWrite rw = new ReadWrite(cache, new Readahead(cache));
        rw.setThrottle(flusher);
        // A 1 TiB virtio disk, /dev/vda, holding one ext4-like file system.
        BufferHeads buffers = new BufferHeads(cache, cache.newBlockdev(BDEV_INODE, "/dev/vda", 1L << 40));
        return new Vfs(cache, rw, flusher, new FsLayout(buffers), slab, hooks);
    }

    @Provides
    PageCache pageCache(Vfs vfs) {
        return vfs;
    }

    @Provides
    Files files(Vfs vfs) {
        return vfs;
    }

    @Provides
    Writeback writeback(Flusher flusher) {
        return flusher;
    }

    @Provides
    @Singleton
    org.mmsim.api.kernel.BootAllocations bootAllocations(MachineConfig config, PhysicalMemory memory,
                                                        PageAllocator pages, SlabAllocator slab, Vmalloc vmalloc,
                                                        Percpu percpu) {
        return new org.mmsim.kalloc.boot.KernelBoot(config, memory, pages, slab, vmalloc, percpu);
    }

    @Provides
    @Singleton
    Percpu percpu(MachineConfig config, PageAllocator allocator, PhysicalMemory memory) {
        return new PercpuChunks(allocator, config.cpus(), memory.percpuUnits(), memory.percpuPages());
    }

    @Provides
    @Singleton
    SlabAllocator slabAllocator(PageAllocator allocator, VmStat vmstat, SimClock clock, MachineConfig config,
                                PhysicalMemory physical) {
        return new SlubAllocator(allocator, vmstat, clock, SlubConfig.of(config, physical.zones()));
    }
}
