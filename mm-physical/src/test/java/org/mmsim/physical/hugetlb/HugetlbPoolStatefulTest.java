package org.mmsim.physical.hugetlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.HugetlbPages;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.init.MmInit;
import org.mmsim.physical.init.NoReclaim;
import org.mmsim.physical.init.PhysicalSystem;

/**
 * The 2 MiB pool under random chains of resizes, overcommit changes, reservations, faults and frees, checked after
 * every step against mm/hugetlb.c's invariants and a count of its own: free pages cover every reservation, surplus
 * pages are no more than the pool, the pages in use are the faults not yet freed (and NR_HUGETLB their small pages),
 * and the buddy allocator's free pages plus the pool's are what the machine had, so no page is lost or made.
 */
class HugetlbPoolStatefulTest {
    static final class Pool {
        final VmStat vmstat = new VmStat();
        final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(64L << 20).build(), vmstat,
                new NoReclaim());
        final HugetlbPool pool = system.hugetlb();
        final List<Long> inUse = new ArrayList<>();
        long reserved;
        final long bootFree = freeNow();

        long freeNow() {
            system.allocator().drainAllPages();
            return system.freePages();
        }

        void resize(long count) {
            pool.setNrHugePages(9, -1, count);
        }

        void reserve(long pages) {
            if (pool.reserve(9, pages)) {
                reserved += pages;
            }
        }

        void unreserve() {
            if (reserved > 0) {
                pool.unreserve(9, 1);
                reserved--;
            }
        }

        void fault(boolean useReservation) {
            boolean withReserve = useReservation && reserved > 0;
            long pfn = pool.allocFolio(9, withReserve);
            if (pfn != HugetlbPages.NO_PAGE) {
                inUse.add(pfn);
                if (withReserve) {
                    reserved--;
                }
            }
        }

        void free(int i) {
            pool.freeFolio(9, inUse.remove(i));
        }

        void check() {
            assertEquals(reserved, pool.resvHugePages(9));
            assertTrue(pool.freeHugePages(9) >= pool.resvHugePages(9), "free pages cover the reservations");
            assertTrue(pool.surplusHugePages(9) <= pool.nrHugePages(9));
            assertEquals(inUse.size(), pool.nrHugePages(9) - pool.freeHugePages(9));
            assertEquals(inUse.size() * 512L, vmstat.get(VmItem.NR_HUGETLB));
            assertEquals(bootFree, freeNow() + pool.nrHugePages(9) * 512, "every page is in the buddy lists or the pool");
        }
    }

    @Provide
    Arbitrary<ActionChain<Pool>> chains() {
        Action.Independent<Pool> resize = () -> Arbitraries.longs().between(0, 40)
                .map(n -> Transformer.mutate("nr_hugepages " + n, p -> p.resize(n)));
        Action.Independent<Pool> overcommit = () -> Arbitraries.longs().between(0, 6)
                .map(n -> Transformer.mutate("nr_overcommit_hugepages " + n, p -> p.pool.setNrOvercommitHugePages(9, n)));
        Action.Independent<Pool> reserve = () -> Arbitraries.longs().between(1, 6)
                .map(n -> Transformer.mutate("reserve " + n, p -> p.reserve(n)));
        Action.Independent<Pool> unreserve = () -> Arbitraries.just(Transformer.mutate("unreserve 1", Pool::unreserve));
        Action.Independent<Pool> fault = () -> Arbitraries.of(true, false)
                .map(r -> Transformer.mutate("fault reserved=" + r, p -> p.fault(r)));
        Action.Dependent<Pool> free = new Action.Dependent<>() {
            @Override
            public boolean precondition(Pool p) {
                return !p.inUse.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Pool>> transformer(Pool p) {
                return Arbitraries.integers().between(0, p.inUse.size() - 1)
                        .map(i -> Transformer.mutate("free #" + i, x -> x.free(i)));
            }
        };
        return ActionChain.startWith(Pool::new).withAction(2, resize).withAction(1, overcommit).withAction(2, reserve)
                .withAction(1, unreserve).withAction(3, fault).withAction(3, free).withMaxTransformations(40);
    }

    @Property(tries = 40)
    void thePoolKeepsItsInvariants(@ForAll("chains") ActionChain<Pool> chain) {
        chain.withInvariant("hugetlb invariants", Pool::check).run();
    }
}
