package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
import org.mmsim.api.MemoryArch;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Memory policies on a three-node machine under random chains of mmap with mbind (bind, interleave, preferred or
 * none, on random nodes), set_mempolicy, writes, mbind with MPOL_MF_MOVE, migrate_pages and move_pages. After every
 * step: every page a region maps lies in exactly one zone, of the node the allocator names; a page of a region bound
 * with MPOL_BIND is on one of its nodes; and every page holds the token last written to it, however often it moved.
 * A region interleaved when made has its pages spread over its nodes within one page of even once written in order.
 */
class MempolicyStatefulTest {
    private static final int NODES = 3;
    private static final long PAGE = 4096;

    /** A mapping the test made: its policy (null for none), and the token last written to each page. */
    static final class Region {
        long addr;
        int pages;
        int mode;
        long nodes;
        long[] tokens;
    }

    static final class World {
        final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(192L << 20)
                .nodes(NODES).cpus(NODES).memory(MemoryArch.NUMA).build(), PolicyRegistry.load(Optional.empty()));
        final Processes processes = machine.processes();
        final MemoryPolicies policies = processes.mempolicies();
        final TestTask<Region> task = new TestTask<>(processes.spawn("p", ProgramImages.builtIn("hello")));
        long nextToken = 1;

        void check() {
            List<ZoneInfo> zones = machine.physicalMemory().zones();
            for (Region r : task.regions) {
                for (int i = 0; i < r.pages; i++) {
                    long pfn = processes.translation(task.pid, 0, r.addr + i * PAGE, AccessType.READ);
                    if (r.tokens[i] == 0) {
                        continue;
                    }
                    assertTrue(pfn >= 0, "a written page is present");
                    int node = machine.pageAllocator().pageToNid(pfn);
                    long holders = zones.stream().filter(z -> pfn >= z.startPfn() && pfn < z.startPfn() + z.spanned()
                            && z.present() > 0).count();
                    assertEquals(1, holders, "pfn " + pfn + " lies in exactly one zone");
                    assertTrue(zones.stream().anyMatch(z -> z.node() == node && pfn >= z.startPfn()
                            && pfn < z.startPfn() + z.spanned()), "its zone is of node " + node);
                    if (r.mode == MemoryPolicies.MPOL_BIND) {
                        assertTrue((r.nodes >>> node & 1) != 0, "a page bound to " + Long.toBinaryString(r.nodes)
                                + " is on node " + node);
                    }
                    assertEquals(r.tokens[i], machine.pageFrames().content(pfn), "page " + i + " keeps its content");
                }
            }
        }

        void write(Region r, int i) {
            r.tokens[i] = nextToken++;
            processes.write(task.pid, r.addr + i * PAGE, r.tokens[i]);
        }
    }

    private static <T> T pick(List<T> list, int index) {
        return list.get(index % list.size());
    }

    private static final int[] MODES = {MemoryPolicies.MPOL_DEFAULT, MemoryPolicies.MPOL_BIND,
        MemoryPolicies.MPOL_INTERLEAVE, MemoryPolicies.MPOL_PREFERRED};

    private static Transformer<World> mmap(int pages, int modeIndex, long nodes) {
        int mode = MODES[modeIndex];
        long mask = mode == MemoryPolicies.MPOL_DEFAULT ? 0 : nodes;
        return Transformer.mutate("mmap " + pages + " pages, mode " + mode + " nodes " + mask, w -> {
            Region r = new Region();
            r.pages = pages;
            r.mode = mode;
            r.nodes = mask;
            r.tokens = new long[pages];
            r.addr = w.processes.mmap(w.task.pid, 0, pages * PAGE, Prot.PROT_READ | Prot.PROT_WRITE,
                    Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
            w.policies.mbind(w.task.pid, r.addr, pages * PAGE, mode, mask, 0);
            w.task.regions.add(r);
            for (int i = 0; i < pages; i++) {
                w.write(r, i);
            }
            if (mode == MemoryPolicies.MPOL_INTERLEAVE) {
                long[] onNode = new long[NODES];
                for (int i = 0; i < pages; i++) {
                    long pfn = w.processes.translation(w.task.pid, 0, r.addr + i * PAGE, AccessType.READ);
                    onNode[w.machine.pageAllocator().pageToNid(pfn)]++;
                }
                int n = Long.bitCount(mask);
                for (int node = 0; node < NODES; node++) {
                    long expected = (mask >>> node & 1) == 0 ? 0 : pages / n;
                    assertTrue(onNode[node] >= expected && onNode[node] <= expected + ((mask >>> node & 1)), "node "
                            + node + " has " + onNode[node] + " of " + pages + " pages interleaved over " + n);
                }
            }
        });
    }

    private static Transformer<World> write(int region, int page) {
        return Transformer.mutate("write region " + region + " page " + page, w -> {
            if (w.task.regions.isEmpty()) {
                return;
            }
            Region r = pick(w.task.regions, region);
            w.write(r, page % r.pages);
        });
    }

    private static Transformer<World> mbindMove(int region, int modeIndex, long nodes) {
        int mode = MODES[modeIndex];
        long mask = mode == MemoryPolicies.MPOL_DEFAULT ? 0 : nodes;
        return Transformer.mutate("mbind region " + region + " mode " + mode + " nodes " + mask + " move", w -> {
            if (w.task.regions.isEmpty()) {
                return;
            }
            Region r = pick(w.task.regions, region);
            long before = w.machine.vmstat().get(VmItem.PGMIGRATE_SUCCESS);
            w.policies.mbind(w.task.pid, r.addr, r.pages * PAGE, mode, mask, MemoryPolicies.MPOL_MF_MOVE);
            r.mode = mode;
            r.nodes = mask;
            assertTrue(w.machine.vmstat().get(VmItem.PGMIGRATE_SUCCESS) - before <= r.pages);
        });
    }

    private static Transformer<World> migratePages(long from, long to) {
        return Transformer.mutate("migrate_pages " + from + " -> " + to, w -> {
            w.policies.migratePages(w.task.pid, from, to);
            // A bound region may now hold pages outside its nodes: migrate_pages does not look at VMA policies.
            for (Region r : w.task.regions) {
                if (r.mode == MemoryPolicies.MPOL_BIND) {
                    r.mode = -1;
                }
            }
        });
    }

    private static Transformer<World> movePages(int region, int node) {
        return Transformer.mutate("move_pages region " + region + " to " + node, w -> {
            if (w.task.regions.isEmpty()) {
                return;
            }
            Region r = pick(w.task.regions, region);
            long[] pages = new long[r.pages];
            int[] nodes = new int[r.pages];
            for (int i = 0; i < r.pages; i++) {
                pages[i] = r.addr + i * PAGE;
                nodes[i] = node;
            }
            int[] status = w.policies.movePages(w.task.pid, pages, nodes);
            for (int i = 0; i < r.pages; i++) {
                assertEquals(node, status[i], "page " + i + " moved");
            }
            if (r.mode == MemoryPolicies.MPOL_BIND && (r.nodes >>> node & 1) == 0) {
                r.mode = -1;
            }
        });
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static Arbitrary<Long> mask() {
        return Arbitraries.longs().between(1, (1 << NODES) - 1);
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> mode = Arbitraries.integers().between(0, MODES.length - 1);
        return ActionChain.startWith(World::new)
                .withAction(3, action(Arbitraries.integers().between(1, 48).flatMap(n -> mode.flatMap(m -> mask()
                        .map(k -> mmap(n, m, k))))))
                .withAction(4, action(index().flatMap(r -> index().map(i -> write(r, i)))))
                .withAction(2, action(index().flatMap(r -> mode.flatMap(m -> mask().map(k -> mbindMove(r, m, k))))))
                .withAction(1, action(mask().flatMap(f -> mask().map(t -> migratePages(f, t)))))
                .withAction(1, action(index().flatMap(r -> Arbitraries.integers().between(0, NODES - 1)
                        .map(n -> movePages(r, n)))))
                .withMaxTransformations(30);
    }

    @Property(tries = 30)
    void pagesStayOnTheirPolicysNodesAndKeepTheirContent(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant(World::check).run();
    }
}
