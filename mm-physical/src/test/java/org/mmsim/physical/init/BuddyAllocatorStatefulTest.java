package org.mmsim.physical.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.FrameTable;

/**
 * The buddy allocator under random chains of allocations (any order, any usual GFP mask), frees and drains, checked
 * after every step against a model of the live blocks: no frame is both free and allocated, live blocks never
 * overlap, every free block is aligned to its order and lies in one zone, no two free buddies are left unmerged,
 * free + cached + allocated = managed in every zone; and freeing everything restores the boot-time lists exactly.
 */
class BuddyAllocatorStatefulTest {
    private static final int[] GFPS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_NOWAIT, Gfp.GFP_NOIO, Gfp.GFP_NOFS,
        Gfp.GFP_USER, Gfp.GFP_HIGHUSER, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_DMA | Gfp.GFP_KERNEL,
        Gfp.GFP_DMA32 | Gfp.GFP_KERNEL, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE, Gfp.GFP_KERNEL | Gfp.__GFP_ZERO};

    static final class Machine {
        final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(32L << 20).cpus(2).build(), new VmStat(),
                new NoReclaim());
        final PageAllocator allocator = system.allocator();
        final TreeMap<Long, Integer> live = new TreeMap<>();
        final String bootBuddyinfo = lists();

        /**
         * The free blocks of each order in each zone: what /proc/buddyinfo shows. (Which migrate type's list holds
         * them may differ after stealing: like Linux, a pageblock keeps the type it was claimed for.)
         */
        String lists() {
            StringBuilder text = new StringBuilder();
            for (ZoneInfo zone : system.zones()) {
                for (int o = 0; o <= 10; o++) {
                    text.append(zone.nrFree(o)).append(' ');
                }
                text.append('|');
            }
            return text.toString();
        }

        void allocate(int gfp, int order) {
            long pfn = allocator.allocPages(gfp, order);
            if (pfn != PageAllocator.NO_PAGE) {
                live.put(pfn, order);
            }
        }

        void free(long pfn) {
            allocator.freePages(pfn, live.remove(pfn));
        }

        void checkInvariants() {
            FrameTable frames = system.frames();
            byte[] owner = new byte[frames.frames()];
            for (var block : live.entrySet()) {
                long pfn = block.getKey();
                int order = block.getValue();
                assertEquals(0, pfn % (1L << order), "a live block is aligned to its order");
                assertEquals(order, frames.allocatedOrder((int) pfn));
                mark(owner, pfn, order, (byte) 1);
            }
            long[] freeByZone = new long[system.zones().size()];
            for (int pfn = 0; pfn < frames.frames(); pfn++) {
                if (frames.isBuddy(pfn) || frames.isPcp(pfn)) {
                    int order = frames.isBuddy(pfn) ? frames.buddyOrder(pfn) : pcpOrder(frames, pfn);
                    assertEquals(0, pfn % (1 << order), "a free block is aligned to its order");
                    mark(owner, pfn, order, (byte) 2);
                    int zone = zoneOf(pfn);
                    assertEquals(zone, zoneOf(pfn + (1 << order) - 1), "a free block lies in one zone");
                    if (frames.isBuddy(pfn)) {
                        int buddy = pfn ^ (1 << order);
                        assertTrue(order == 10 || !(frames.isBuddy(buddy) && frames.buddyOrder(buddy) == order && zoneOf(buddy) == zone),
                                "free buddies " + pfn + " and " + buddy + " of order " + order + " are merged");
                    }
                    freeByZone[zone] += 1L << order;
                }
            }
            for (int z = 0; z < system.zones().size(); z++) {
                ZoneInfo zone = system.zones().get(z);
                long allocated = 0;
                for (var block : live.entrySet()) {
                    if (zoneOf(block.getKey()) == z) {
                        allocated += 1L << block.getValue();
                    }
                }
                int cached = 0;
                for (int c = 0; c < zone.cpus(); c++) {
                    cached += zone.pcp(c)[0];
                }
                assertEquals(zone.managed(), zone.freePages() + cached + allocated, "free + cached + allocated = managed");
                assertEquals(zone.freePages() + cached, freeByZone[z]);
            }
        }

        private int zoneOf(long pfn) {
            for (int z = 0; z < system.zones().size(); z++) {
                ZoneInfo zone = system.zones().get(z);
                if (pfn >= zone.startPfn() && pfn < zone.startPfn() + zone.spanned()) {
                    return z;
                }
            }
            return -1;
        }

        private static int pcpOrder(FrameTable frames, int pfn) {
            // A per-CPU entry's order is not exposed; its span ends where the next owned frame starts.
            int order = 0;
            while (order < 10 && pfn % (1 << (order + 1)) == 0 && frames.allocatedOrder(pfn + (1 << order)) < 0
                    && !frames.isBuddy(pfn + (1 << order)) && !frames.isPcp(pfn + (1 << order))
                    && (frames.flags(pfn + (1 << order)) & org.mmsim.api.physical.PageFlags.RESERVED) == 0) {
                order++;
            }
            return order;
        }

        private static void mark(byte[] owner, long pfn, int order, byte who) {
            for (long p = pfn; p < pfn + (1L << order); p++) {
                assertEquals(0, owner[(int) p], "frame " + p + " has two owners");
                owner[(int) p] = who;
            }
        }
    }

    @Provide
    Arbitrary<ActionChain<Machine>> chains() {
        Action.Independent<Machine> allocate = () -> Arbitraries.of(Arrays.stream(GFPS).boxed().toArray(Integer[]::new)).flatMap(gfp ->
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 3)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(4, 10))).map(order ->
                        Transformer.mutate("alloc " + Gfp.describe(gfp) + " order " + order, m -> m.allocate(gfp, order))));
        Action.Dependent<Machine> free = new Action.Dependent<>() {
            @Override
            public boolean precondition(Machine m) {
                return !m.live.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Machine>> transformer(Machine m) {
                return Arbitraries.of(new ArrayList<>(m.live.keySet())).map(pfn -> Transformer.mutate("free " + pfn, x -> x.free(pfn)));
            }
        };
        Action.Independent<Machine> drain = () -> Arbitraries.just(Transformer.mutate("drain", m -> m.allocator.drainAllPages()));
        Action.Independent<Machine> switchCpu = () -> Arbitraries.integers().between(0, 1)
                .map(c -> Transformer.mutate("cpu " + c, m -> m.allocator.setCurrentCpu(c)));
        return ActionChain.startWith(Machine::new).withAction(5, allocate).withAction(4, free).withAction(1, drain)
                .withAction(1, switchCpu).withMaxTransformations(60);
    }

    @Property(tries = 60)
    void theAllocatorKeepsItsInvariants(@ForAll("chains") ActionChain<Machine> chain) {
        Machine m = chain.withInvariant("buddy invariants", Machine::checkInvariants).run();
        for (Long pfn : new ArrayList<>(m.live.keySet())) {
            m.free(pfn);
        }
        m.allocator.drainAllPages();
        assertEquals(m.bootBuddyinfo, m.lists(), "freeing everything restores the boot-time buddyinfo");
    }

    @Property(tries = 20)
    void freeingEverythingInAnyOrderRestoresBootBuddyinfo(@ForAll("orders") List<Integer> orders) {
        Machine m = new Machine();
        for (int order : orders) {
            m.allocate(Gfp.GFP_HIGHUSER_MOVABLE, order);
        }
        List<Long> pfns = new ArrayList<>(m.live.keySet());
        java.util.Collections.reverse(pfns);
        pfns.forEach(m::free);
        m.allocator.drainAllPages();
        assertEquals(m.bootBuddyinfo, m.lists());
        assertEquals(Arrays.asList(), new ArrayList<>(m.live.keySet()));
    }

    @Provide
    Arbitrary<List<Integer>> orders() {
        return Arbitraries.integers().between(0, 10).list().ofMaxSize(40);
    }
}
