package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * What swap does with the LRU lists and the kernel log: pages swap-in brings in join the inactive anon list and leave
 * it when the swap cache drops their last reference; swapon logs its notice, the boot area does not.
 */
class SwapLruTest {
    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(64L << 20)
            .swapBytes(1L << 20).build(), PolicyRegistry.load(Optional.empty()));

    @Test
    void pagesSwapBringsInJoinTheLruAndLeaveItWithTheCachesLastReference() {
        Swap swap = machine.swap();
        SwapCache cache = machine.swapCache();
        PageFrames frames = machine.pageFrames();
        long before = machine.lru().pages(LruList.INACTIVE_ANON);
        long[] entries = new long[3];
        for (int i = 0; i < 3; i++) {
            long pfn = machine.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
            frames.setFlags(pfn, PageFlags.SWAPBACKED);
            frames.setContent(pfn, 10 + i);
            entries[i] = cache.addToSwapCache(pfn);
            cache.duplicate(entries[i]);
            frames.putPage(pfn);
            cache.writePage(pfn);
            cache.deleteFromSwapCache(pfn);
        }
        long first = cache.swapIn(entries[0], Gfp.GFP_HIGHUSER_MOVABLE);
        long second = cache.swapIn(entries[1], Gfp.GFP_HIGHUSER_MOVABLE);
        long third = cache.lookup(entries[2]);
        assertTrue(third >= 0, "read ahead with the second (a fault next to the last one)");
        for (long pfn : new long[] {first, second, third}) {
            assertNotEquals(0, frames.flags(pfn) & PageFlags.LRU, "pfn " + pfn + " is on an LRU list");
        }
        assertEquals(before + 3, machine.lru().pages(LruList.INACTIVE_ANON));
        cache.free(entries[2]);
        assertEquals(0, frames.refcount(third), "the unmapped page left the cache and was freed");
        assertEquals(before + 2, machine.lru().pages(LruList.INACTIVE_ANON), "and left its list");
    }

    @Test
    void swaponLogsItsNoticeButTheBootAreaDoesNot() {
        assertTrue(machine.kernelLog().drain().isEmpty());
        machine.swap().swapon("/swapfile", 256, -1);
        machine.swap().swapon("/dev/vdb", 1024, 5);
        List<String> lines = machine.kernelLog().drain();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("] Adding 1020k swap on /swapfile.  Priority:-3 extents:1 across:1020k SS"),
                lines.get(0));
        assertTrue(lines.get(1).endsWith("] Adding 4092k swap on /dev/vdb.  Priority:5 extents:1 across:4092k SS"),
                lines.get(1));
    }

    /** 32 MiB of RAM and twice that of swap: a few thousand pages of anonymous memory make it swap. */
    private static SimulatedMachine smallMachine() {
        return MachineAssembler.boot(MachineConfig.builder().ramBytes(32L << 20).swapBytes(64L << 20).build(),
                PolicyRegistry.load(Optional.empty()));
    }

    private static long anonymous(Processes processes, int pid, int pages) {
        return processes.mmap(pid, 0, pages * 4096L, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
    }

    @Test
    void swapEntriesInPageTablesNeverLookLikeHugePages() {
        SimulatedMachine small = smallMachine();
        Processes processes = small.processes();
        int pid = processes.spawn("p", ProgramImages.builtIn("hello"));
        int pages = 1024;
        long addr = anonymous(processes, pid, pages);
        for (int i = 0; i < pages; i++) {
            processes.write(pid, addr + i * 4096L, 1000 + i);
        }
        for (int pass = 0; pass < 8; pass++) {
            small.reclaim().reclaimNode(0, pages);
        }
        assertTrue(small.vmstat().get(VmItem.PSWPOUT) > 128, "slots past 128 hold pages: their offsets set bit 7");
        int child = processes.fork(pid, "c");
        for (int i = 0; i < pages; i++) {
            assertEquals(1000 + i, processes.read(child, addr + i * 4096L), "page " + i);
        }
        processes.exit(child);
        processes.exit(pid);
        long held = processes.tasks().stream().mapToLong(t -> t.counters().swapEntries()).sum();
        assertEquals(held, small.swap().totalPages() - small.swap().freePages(), "every slot of theirs is free again");
    }

    @Test
    void lockedPagesStayLockedWhileAnyLockedMappingHoldsThem() {
        SimulatedMachine small = smallMachine();
        Processes processes = small.processes();
        int parent = processes.spawn("p", ProgramImages.builtIn("hello"));
        int pages = 512;
        long addr = anonymous(processes, parent, pages);
        processes.mlock(parent, addr, pages * 4096L);
        long locked = small.lru().pages(LruList.UNEVICTABLE);
        // A child shares the pages unlocked (mlock is not inherited) and exits; another locks them too and exits.
        processes.exit(processes.fork(parent, "c1"));
        int c2 = processes.fork(parent, "c2");
        processes.mlock(c2, addr, pages * 4096L);
        processes.exit(c2);
        assertEquals(locked, small.lru().pages(LruList.UNEVICTABLE), "the parent still locks every page");
        for (int pass = 0; pass < 8; pass++) {
            small.reclaim().reclaimNode(0, 4096);
        }
        for (int i = 0; i < pages; i++) {
            assertTrue(processes.pagemap(parent, addr + i * 4096L) >= 0, "page " + i + " stays in memory");
        }
    }
}
