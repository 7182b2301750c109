package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.physical.HugetlbPools;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * MAP_HUGETLB mappings, private and shared, reserved or not, under random chains of writes, reads, munmap, mprotect,
 * fork and exit on a pool of 6 huge pages. After every step: each process reads what it (or, in a shared mapping,
 * any mapper) wrote last; the pool covers its reservations (Free at least Rsvd) and never changes size; NR_HUGETLB is
 * the pages of the huge pages in use; each process's HugetlbPages is what its smaps shows in Shared_Hugetlb and
 * Private_Hugetlb, and none of it is in Rss. When every process has exited, every page is free and nothing reserved.
 */
class HugetlbStatefulTest {
    private static final long HUGE = 2L << 20;
    private static final int POOL = 6;

    /** A mapping the test made, with the token last written into each huge page; a shared one's are every mapper's. */
    static final class Region {
        long addr;
        int pages;
        boolean shared;
        boolean writable = true;
        Map<Integer, Long> tokens = new HashMap<>();

        Region copy() {
            Region r = new Region();
            r.addr = addr;
            r.pages = pages;
            r.shared = shared;
            r.writable = writable;
            // A shared mapping's pages are the file's: the child sees later writes too. A private one's are a copy.
            r.tokens = shared ? tokens : new HashMap<>(tokens);
            return r;
        }
    }

    static final class World {
        final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(128L << 20).build(),
                PolicyRegistry.load(Optional.empty()));
        final Processes processes = machine.processes();
        final HugetlbPools pools = machine.hugetlb();
        final List<TestTask<Region>> procs = new ArrayList<>();
        long nextToken = 1000;

        World() {
            pools.setNrHugePages(9, -1, POOL);
            assertEquals(POOL, pools.nrHugePages(9));
            procs.add(new TestTask<>(processes.spawn("p0", ProgramImages.builtIn("hello"))));
        }

        void check() {
            assertEquals(POOL, pools.nrHugePages(9), "the pool keeps its size");
            assertTrue(pools.freeHugePages(9) >= pools.resvHugePages(9), "free pages cover the reservations");
            assertEquals((POOL - pools.freeHugePages(9)) * 512, machine.vmstat().get(VmItem.NR_HUGETLB));
            for (TestTask<Region> p : procs) {
                for (Region r : p.regions) {
                    for (int i = 0; i < r.pages; i++) {
                        long pfn = processes.translation(p.pid, 0, r.addr + i * HUGE + 8, AccessType.READ);
                        if (pfn < 0 && r.shared) {
                            // Not faulted in here yet (fork copies no entry of a shared mapping): the read action
                            // checks that the fault finds the file's page.
                            continue;
                        }
                        long content = pfn < 0 ? 0 : machine.pageFrames().content(pfn);
                        assertEquals(r.tokens.getOrDefault(i, 0L), content, "pid " + p.pid + " huge page " + i + " of "
                                + Long.toHexString(r.addr));
                    }
                }
                long hugetlb = 0;
                for (VmaInfo v : processes.vmas(p.pid)) {
                    hugetlb += v.smaps().sharedHugetlb() + v.smaps().privateHugetlb();
                    if (v.pageSize() == HUGE) {
                        assertEquals(0, v.smaps().rss(), "a hugetlb mapping's pages are in no Rss");
                    }
                }
                assertEquals(hugetlb >> 12, processes.task(p.pid).counters().hugetlbPages(), "HugetlbPages of " + p.pid);
            }
        }

        void exitAll() {
            for (TestTask<Region> p : procs) {
                processes.exit(p.pid);
            }
            procs.clear();
            assertEquals(List.of((long) POOL, (long) POOL, 0L, 0L), List.of(pools.nrHugePages(9),
                    pools.freeHugePages(9), pools.resvHugePages(9), machine.vmstat().get(VmItem.NR_HUGETLB)));
        }
    }

    private static <T> T pick(List<T> list, int index) {
        return list.get(index % list.size());
    }

    private static Region region(World w, int proc, int region) {
        if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
            return null;
        }
        return pick(pick(w.procs, proc).regions, region);
    }

    private static Transformer<World> mmap(int proc, int pages, boolean shared, boolean noreserve) {
        return Transformer.mutate("mmap " + pages + " huge pages" + (shared ? " shared" : "") + (noreserve
                ? " noreserve" : "") + " in proc " + proc, w -> {
            TestTask<Region> p = pick(w.procs, proc);
            Region r = new Region();
            r.pages = pages;
            r.shared = shared;
            try {
                r.addr = w.processes.mmap(p.pid, 0, pages * HUGE, Prot.PROT_READ | Prot.PROT_WRITE,
                        (shared ? Prot.MAP_SHARED : Prot.MAP_PRIVATE) | Prot.MAP_ANONYMOUS | Prot.MAP_HUGETLB
                                | (noreserve ? Prot.MAP_NORESERVE : 0), null, 0);
            } catch (SyscallException e) {
                assertEquals("ENOMEM", e.errno(), "only a reservation the pool cannot cover fails");
                return;
            }
            p.regions.add(r);
        });
    }

    private static Transformer<World> write(int proc, int region, int page) {
        return Transformer.mutate("write proc " + proc + " region " + region + " huge page " + page, w -> {
            Region r = region(w, proc, region);
            if (r == null || !r.writable) {
                return;
            }
            int i = page % r.pages;
            long token = w.nextToken++;
            try {
                w.processes.write(pick(w.procs, proc).pid, r.addr + i * HUGE + 8, token);
                r.tokens.put(i, token);
            } catch (SyscallException e) {
                // SIGBUS: a MAP_NORESERVE page, or a copy-on-write, the empty pool could not serve.
                assertEquals(0, w.pools.freeHugePages(9) - w.pools.resvHugePages(9), "SIGBUS with pages to spare");
            }
        });
    }

    /** Reads every huge page of a region back, faulting in what is not present: a shared one's from its file. */
    private static Transformer<World> read(int proc, int region) {
        return Transformer.mutate("read proc " + proc + " region " + region, w -> {
            Region r = region(w, proc, region);
            if (r == null) {
                return;
            }
            for (int i = 0; i < r.pages; i++) {
                long token;
                try {
                    token = w.processes.read(pick(w.procs, proc).pid, r.addr + i * HUGE + 8);
                } catch (SyscallException e) {
                    assertEquals(0, w.pools.freeHugePages(9) - w.pools.resvHugePages(9), "SIGBUS with pages to spare");
                    continue;
                }
                assertEquals(r.tokens.getOrDefault(i, 0L), token, "huge page " + i + " of " + Long.toHexString(r.addr));
            }
        });
    }

    private static Transformer<World> munmap(int proc, int region) {
        return Transformer.mutate("munmap proc " + proc + " region " + region, w -> {
            Region r = region(w, proc, region);
            if (r != null) {
                TestTask<Region> p = pick(w.procs, proc);
                w.processes.munmap(p.pid, r.addr, r.pages * HUGE);
                p.regions.remove(r);
            }
        });
    }

    private static Transformer<World> mprotect(int proc, int region) {
        return Transformer.mutate("mprotect read-only proc " + proc + " region " + region, w -> {
            Region r = region(w, proc, region);
            if (r != null && !r.shared) {
                w.processes.mprotect(pick(w.procs, proc).pid, r.addr, r.pages * HUGE, Prot.PROT_READ);
                r.writable = false;
            }
        });
    }

    private static Transformer<World> fork(int proc) {
        return Transformer.mutate("fork proc " + proc, w -> {
            if (w.procs.size() >= 4) {
                return;
            }
            TestTask<Region> parent = pick(w.procs, proc);
            TestTask<Region> child = new TestTask<>(w.processes.fork(parent.pid, "c" + w.procs.size()));
            parent.regions.forEach(r -> child.regions.add(r.copy()));
            w.procs.add(child);
        });
    }

    private static Transformer<World> exit(int proc) {
        return Transformer.mutate("exit proc " + proc, w -> {
            if (w.procs.size() > 1) {
                TestTask<Region> p = pick(w.procs, proc);
                w.processes.exit(p.pid);
                w.procs.remove(p);
            }
        });
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return ActionChain.startWith(World::new)
                .withAction(3, action(index().flatMap(p -> Arbitraries.integers().between(1, 3).flatMap(n -> flag
                        .flatMap(s -> flag.map(nr -> mmap(p, n, s, nr)))))))
                .withAction(6, action(index().flatMap(p -> index().flatMap(r -> index().map(i -> write(p, r, i))))))
                .withAction(2, action(index().flatMap(p -> index().map(r -> read(p, r)))))
                .withAction(2, action(index().flatMap(p -> index().map(r -> munmap(p, r)))))
                .withAction(1, action(index().flatMap(p -> index().map(r -> mprotect(p, r)))))
                .withAction(2, action(index().map(HugetlbStatefulTest::fork)))
                .withAction(1, action(index().map(HugetlbStatefulTest::exit)))
                .withMaxTransformations(40);
    }

    @Property(tries = 40)
    void everyProcessReadsWhatItWroteAndThePoolGetsEveryPageBack(@ForAll("chains") ActionChain<World> chain) {
        World end = chain.withInvariant(World::check).run();
        end.exitAll();
    }
}
