package org.mmsim.reclaim.vmscan;

import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.fake.FakeBlockQueue;
import org.mmsim.reclaim.fake.FakeFrames;
import org.mmsim.reclaim.fake.FakeLog;
import org.mmsim.reclaim.fake.FakeMemory;
import org.mmsim.reclaim.fake.FakePageCache;
import org.mmsim.reclaim.fake.FakeProcesses;
import org.mmsim.reclaim.fake.FakeSwapDevice;
import org.mmsim.reclaim.fake.FakeRmap;
import org.mmsim.reclaim.lru.LruLists;
import org.mmsim.reclaim.lru.Workingset;
import org.mmsim.reclaim.swap.SwapSpace;

/**
 * The reclaim layer's own parts (the LRU lists, the workingset, swap, vmscan) on fakes of the layers around it: the
 * frames and the page allocator, reverse mapping and the page cache. Pages are made as the other layers make them: an
 * anonymous page is allocated, flagged PG_swapbacked, given an anon_vma mapping, mapped (each mapping a map count and
 * a reference, the first one taking the allocation's) and added to the LRU; a file page is allocated into the page
 * cache (whose reference the allocation's becomes), then maybe mapped; a shmem page is swap-backed with a file
 * mapping.
 */
final class Rig {
    final int framesPerNode;
    final FakeMemory memory;
    final FakeFrames frames;
    final VmStat vmstat = new VmStat();
    final FakeBlockQueue queue = new FakeBlockQueue();
    final SwapSpace swap;
    final Workingset workingset;
    final LruLists lru;
    final FakePageCache cache;
    final FakeRmap rmap;
    final Vmscan vmscan;
    private long nextToken = 1;
    private long nextAnonVma = 1;
    private long nextInode = 1;
    private long nextVaddr = 0x10000;

    /** @param swapPages the size of the swap area swapped on, in pages with its header; 0 for none */
    Rig(int nodes, int framesPerNode, long swapPages) {
        this(FakeMemory.nodes(nodes, framesPerNode), nodes, framesPerNode, swapPages);
    }

    /** A rig on {@code memory}, whose nodes are {@code framesPerNode} frames each, one after another from pfn 0. */
    Rig(FakeMemory memory, int nodes, int framesPerNode, long swapPages) {
        this.framesPerNode = framesPerNode;
        this.memory = memory;
        frames = new FakeFrames(memory.frames());
        FakeLog log = new FakeLog();
        // In the order the machine builds them: the lists, then swap (which feeds them), then the workingset learns swap.
        workingset = new Workingset(MachineConfig.builder().nodes(nodes).build(), vmstat);
        lru = new LruLists(memory.zones(), nodes, frames, vmstat, workingset);
        swap = new SwapSpace(MachineConfig.builder().swapBytes(0).build(), memory, frames, frames, vmstat,
                new FakeProcesses(type -> {
                    throw new UnsupportedOperationException("no swapoff here");
                }), lru, log, new FakeSwapDevice(), path -> queue);
        workingset.registerSwap(swap::totalPages);
        if (swapPages > 0) {
            swap.swapon("/swapfile", swapPages, -1);
        }
        frames.releaseLruWith(lru::release);
        cache = new FakePageCache(frames);
        rmap = new FakeRmap(frames, () -> swap, () -> cache);
        vmscan = new Vmscan(lru, workingset, frames, vmstat, rmap, swap, swap, cache, queue, memory);
    }

    long alloc(int node) {
        long pfn = frames.allocIn((long) node * framesPerNode, (long) (node + 1) * framesPerNode, 0);
        if (pfn < 0) {
            throw new IllegalStateException("node " + node + " is full");
        }
        return pfn;
    }

    long token() {
        return nextToken++;
    }

    /** Maps {@code pfn} {@code maps} times, the first mapping taking the caller's reference. */
    void map(long pfn, int maps, boolean young, boolean dirty, boolean firstTakesReference) {
        for (int i = 0; i < maps; i++) {
            rmap.map(pfn, 100 + i, nextVaddr, young, dirty, i > 0 || firstTakesReference);
        }
        nextVaddr += 4096;
    }

    /** A new anonymous page of a process, mapped {@code maps} times (fork), with a content token. */
    long anon(int node, int maps, boolean young) {
        return anon(alloc(node), maps, young, false);
    }

    /** {@link #anon(int, int, boolean)} in the frame {@code pfn}, allocated; in a VM_LOCKED VMA if {@code locked}. */
    long anon(long pfn, int maps, boolean young, boolean locked) {
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        frames.setMapping(pfn, PageFrames.ANON_MAPPING | nextAnonVma++, 0);
        frames.setContent(pfn, token());
        map(pfn, maps, young, true, false);
        lru.addAnon(pfn, locked);
        return pfn;
    }

    /** A new page-cache page, mapped {@code maps} times. */
    long file(int node, boolean dirty, int maps, boolean young) {
        return file(alloc(node), dirty, maps, young);
    }

    /** {@link #file(int, boolean, int, boolean)} in the frame {@code pfn}, allocated. */
    long file(long pfn, boolean dirty, int maps, boolean young) {
        long shadow = cache.insert(pfn, nextInode++, 0, dirty);
        frames.setContent(pfn, token());
        map(pfn, maps, young, false, true);
        lru.addFile(pfn, shadow);
        return pfn;
    }

    /** A new shmem page, unmapped (swap-backed, with a file mapping: reclaim cannot write it out). */
    long shmem(int node) {
        long pfn = alloc(node);
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        frames.setMapping(pfn, nextInode++, 0);
        lru.addAnon(pfn, false);
        return pfn;
    }

    boolean has(long pfn, int flag) {
        return (frames.flags(pfn) & flag) != 0;
    }
}
