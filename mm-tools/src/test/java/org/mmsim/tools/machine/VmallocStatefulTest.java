package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.kalloc.VmapArea;
import org.mmsim.api.kernel.KernelMappings;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * vmalloc under random chains of vmalloc, vzalloc, vmap, vfree and vunmap, against a model of the live areas: areas
 * never overlap and stay in the vmalloc range, each page of an area maps a frame no other page maps, every guard page
 * is unmapped, VmallocUsed counts the vmalloc'd pages, a bad vfree changes nothing, and freeing every area gives back
 * every page.
 */
class VmallocStatefulTest {
    static final class World {
        final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(64L << 20).build(),
                PolicyRegistry.load(Optional.empty()));
        final Vmalloc vmalloc = machine.vmalloc();
        final TreeMap<Long, Long> live = new TreeMap<>();
        final TreeMap<Long, long[]> vmapped = new TreeMap<>();
        final long bootFree;
        final long bootTables;
        /** The booted machine's own areas: its boot's and its tasks' stacks. */
        final int bootAreas = vmalloc.areas().size();
        final long bootUsed = vmalloc.usedPages();

        World() {
            machine.pageAllocator().drainAllPages();
            bootFree = machine.physicalMemory().freePages();
            bootTables = machine.vmstat().get(org.mmsim.api.stat.VmItem.NR_PAGE_TABLE_PAGES);
        }

        KernelMappings mappings() {
            return machine.kernelMappings();
        }

        void check() {
            List<VmapArea> areas = vmalloc.areas();
            assertEquals(bootAreas + live.size() + vmapped.size(), areas.size());
            Set<Long> frames = new HashSet<>();
            long previousEnd = vmalloc.start();
            long used = 0;
            for (VmapArea a : areas) {
                assertTrue(a.start() - previousEnd >= 0, "areas in order, not overlapping");
                assertTrue(vmalloc.end() - a.end() >= 0, "inside the vmalloc range");
                previousEnd = a.end();
                assertEquals((a.pages() + 1) * 4096L, a.size(), "the pages and one guard page");
                for (int i = 0; i < a.pages(); i++) {
                    long pfn = mappings().pfnAt(a.start() + i * 4096L);
                    assertNotEquals(-1, pfn, "every page of an area is mapped");
                    assertTrue(frames.add(pfn), "no frame is mapped twice");
                }
                assertEquals(-1, mappings().pfnAt(a.end() - 4096), "the guard page is never mapped");
                if (a.kind().equals("vmalloc")) {
                    used += a.pages();
                }
            }
            assertEquals(used, vmalloc.usedPages());
        }
    }

    private static Transformer<World> allocate(int pages, boolean zero) {
        return Transformer.mutate((zero ? "vzalloc " : "vmalloc ") + pages + " pages", w -> {
            long size = pages * 4096L - 100;
            long addr = zero ? w.vmalloc.vzalloc(size, "t") : w.vmalloc.vmalloc(size, "t");
            if (addr != Vmalloc.FAILED) {
                w.live.put(addr, size);
            }
        });
    }

    private static Transformer<World> free(int index) {
        return Transformer.mutate("vfree #" + index, w -> {
            if (w.live.isEmpty()) {
                return;
            }
            long addr = w.live.keySet().toArray(new Long[0])[index % w.live.size()];
            w.vmalloc.vfree(addr);
            w.live.remove(addr);
        });
    }

    private static Transformer<World> vmap(int pages) {
        return Transformer.mutate("vmap " + pages + " pages", w -> {
            long[] pfns = new long[pages];
            for (int i = 0; i < pages; i++) {
                pfns[i] = w.machine.pageAllocator().allocPages(org.mmsim.api.physical.Gfp.GFP_KERNEL, 0);
            }
            w.vmapped.put(w.vmalloc.vmap(pfns, "t"), pfns);
        });
    }

    private static Transformer<World> vunmap(int index) {
        return Transformer.mutate("vunmap #" + index, w -> {
            if (w.vmapped.isEmpty()) {
                return;
            }
            long addr = w.vmapped.keySet().toArray(new Long[0])[index % w.vmapped.size()];
            w.vmalloc.vunmap(addr);
            for (long pfn : w.vmapped.remove(addr)) {
                w.machine.pageAllocator().freePages(pfn, 0);
            }
        });
    }

    private static Transformer<World> badFree(int offset) {
        return Transformer.mutate("vfree of a bad address", w -> {
            List<VmapArea> before = w.vmalloc.areas();
            long used = w.vmalloc.usedPages();
            long addr = w.live.isEmpty() ? w.vmalloc.start() + 4096 : w.live.firstKey() + 4096L * (1 + offset % 3);
            if (!w.live.containsKey(addr)) {
                assertThrows(IllegalArgumentException.class, () -> w.vmalloc.vfree(addr));
                assertEquals(before.size(), w.vmalloc.areas().size());
                assertEquals(used, w.vmalloc.usedPages());
            }
        });
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> pages = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
        return ActionChain.startWith(World::new)
            .withAction(4, action(pages.flatMap(p -> Arbitraries.of(true, false).map(z -> allocate(p, z)))))
            .withAction(3, action(index.map(VmallocStatefulTest::free)))
            .withAction(1, action(Arbitraries.integers().between(1, 8).map(VmallocStatefulTest::vmap)))
            .withAction(1, action(index.map(VmallocStatefulTest::vunmap)))
            .withAction(1, action(index.map(VmallocStatefulTest::badFree)))
            .withMaxTransformations(40);
    }

    @Property(tries = 40)
    void areasNeverOverlapAndGuardPagesAreNeverMapped(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.withInvariant(World::check).run();
        for (long addr : w.live.keySet()) {
            w.vmalloc.vfree(addr);
        }
        for (var e : w.vmapped.entrySet()) {
            w.vmalloc.vunmap(e.getKey());
            for (long pfn : e.getValue()) {
                w.machine.pageAllocator().freePages(pfn, 0);
            }
        }
        assertEquals(w.bootUsed, w.vmalloc.usedPages());
        assertEquals(w.bootAreas, w.vmalloc.areas().size());
        w.machine.pageAllocator().drainAllPages();
        long kernelTables = w.machine.vmstat().get(org.mmsim.api.stat.VmItem.NR_PAGE_TABLE_PAGES);
        assertEquals(w.bootFree + w.bootTables, w.machine.physicalMemory().freePages() + kernelTables,
                "every page back, but the page tables the kernel keeps for the vmalloc range");
    }
}
