package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.reclaim.Lru;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.kalloc.KallocModule;
import org.mmsim.paging.PagingModule;
import org.mmsim.physical.PhysicalModule;
import org.mmsim.reclaim.ReclaimModule;
import org.mmsim.tools.plugin.PolicyRegistry;

/**
 * What swap does with the LRU lists and the kernel log once a layer binds them (here plainly, with {@code bind()}, as
 * the reclaim layer's OptionalBinders allow): pages swap-in brings in join the LRU and leave it when the cache drops
 * their last reference; swapon logs its notice, the boot area does not.
 */
class SwapBindingTest {
    static final class RecordingLru implements Lru {
        final List<String> calls = new ArrayList<>();

        @Override
        public void addAnon(long pfn, boolean locked) {
            calls.add("addAnon " + pfn + " " + locked);
        }

        @Override
        public void addFile(long pfn) {
            calls.add("addFile " + pfn);
        }

        @Override
        public void markAccessed(long pfn) {
            calls.add("markAccessed " + pfn);
        }

        @Override
        public void release(long pfn) {
            calls.add("release " + pfn);
        }

        @Override
        public long pages(LruList list) {
            return 0;
        }
    }

    static final class RecordingLog implements KernelLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void printk(String line) {
            lines.add(line);
        }

        @Override
        public List<String> drain() {
            return List.copyOf(lines);
        }
    }

    private final RecordingLru lru = new RecordingLru();
    private final RecordingLog log = new RecordingLog();
    private final SimulatedMachine machine;

    SwapBindingTest() {
        // As MachineAssembler boots machines: Guice reaches the unexported packages by reflection.
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        MachineConfig config = MachineConfig.builder().ramBytes(64L << 20).swapBytes(1L << 20).build();
        machine = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, PolicyRegistry.load(Optional.empty())),
                new PhysicalModule(), new PagingModule(), new KallocModule(), new ReclaimModule(), binder -> {
                    binder.bind(Lru.class).toInstance(lru);
                    binder.bind(KernelLog.class).toInstance(log);
                }).getInstance(SimulatedMachine.class);
    }

    @Test
    void pagesSwapBringsInJoinTheLruAndLeaveItWithTheCachesLastReference() {
        Swap swap = machine.swap();
        PageFrames frames = machine.pageFrames();
        long[] entries = new long[3];
        for (int i = 0; i < 3; i++) {
            long pfn = machine.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
            frames.setFlags(pfn, PageFlags.SWAPBACKED);
            frames.setContent(pfn, 10 + i);
            entries[i] = swap.addToSwapCache(pfn);
            swap.duplicate(entries[i]);
            frames.putPage(pfn);
            swap.writePage(pfn);
            swap.deleteFromSwapCache(pfn);
        }
        assertEquals(3, lru.calls.stream().filter(c -> c.startsWith("release ")).count(),
                "each page swapped out leaves the LRU as the cache drops its last reference");
        lru.calls.clear();
        long first = swap.swapIn(entries[0], Gfp.GFP_HIGHUSER_MOVABLE);
        long second = swap.swapIn(entries[1], Gfp.GFP_HIGHUSER_MOVABLE);
        long third = swap.lookup(entries[2]);
        assertTrue(third >= 0, "read ahead with the second (a fault next to the last one)");
        assertEquals(List.of("addAnon " + first + " false", "addAnon " + third + " false", "addAnon " + second + " false"),
                lru.calls, "the faulting page joins after its readahead: it is kept out of reach while they allocate");
        lru.calls.clear();
        swap.free(entries[2]);
        assertEquals(List.of("release " + third), lru.calls, "the unmapped page left the cache and was freed");
        assertEquals(0, frames.refcount(third));
    }

    @Test
    void swaponLogsItsNoticeButTheBootAreaDoesNot() {
        assertTrue(log.lines.isEmpty(), log.lines.toString());
        machine.swap().swapon("/swapfile", 256, -1);
        machine.swap().swapon("/dev/vdb", 1024, 5);
        assertEquals(List.of("Adding 1020k swap on /swapfile.  Priority:-3 extents:1 across:1020k SS",
                "Adding 4092k swap on /dev/vdb.  Priority:5 extents:1 across:4092k SS"), log.lines);
    }
}
