package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.Thp;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Processes on a whole machine under random chains of mmap, munmap, mprotect, mremap, writes, reads, fork, exit and
 * context switches on two CPUs, against a model of what each process wrote where. After every step a read-only check
 * looks at what a read of each page by each process would reach on each CPU, through whatever that CPU's TLBs still
 * hold: exactly what the process last wrote (zero where it never wrote, or where the page would fault in). A
 * translation the kernel should have invalidated (after munmap, mprotect, a copy-on-write break, an exit) would reach
 * another process's or a freed frame's token, or let a forbidden write through. Unmapped ranges would fault with
 * SIGSEGV; each process's resident-page counters equal its present page-table entries; the Pss of every process adds
 * up to the distinct frames mapped (map counts match mappers, a huge page that fork shared too); and when every process has
 * exited, every frame is back in the allocator except those the page cache keeps. The check faults nothing in and
 * fills no TLB: reads that do are steps of their own.
 */
class ProcessesStatefulTest {
    private static final long PAGE = 4096;

    /** A mapping the test made, with the tokens written into it, by page index. */
    static final class Region {
        long addr;
        int pages;
        boolean writable = true;
        Map<Integer, Long> tokens = new HashMap<>();

        Region copy() {
            Region r = new Region();
            r.addr = addr;
            r.pages = pages;
            r.writable = writable;
            r.tokens = new HashMap<>(tokens);
            return r;
        }

        boolean overlaps(long start, long end) {
            return addr < end && start < addr + pages * PAGE;
        }
    }

    static final class Proc {
        final int pid;
        final List<Region> regions = new ArrayList<>();
        final List<long[]> unmapped = new ArrayList<>();

        Proc(int pid) {
            this.pid = pid;
        }
    }

    static final class World {
        final SimulatedMachine machine;
        final Processes processes;
        final boolean huge;
        /** What init and the kernel hold once init runs: what is left when every other process has exited. */
        final List<Long> afterInit;
        final List<Proc> procs = new ArrayList<>();
        long nextToken = 1000;

        World(Thp thp) {
            machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(256L << 20).cpus(2).thp(thp).build(),
                    PolicyRegistry.load(Optional.empty()));
            processes = machine.processes();
            huge = thp == Thp.ALWAYS;
            // init, which never exits, starts with the first process.
            processes.exit(processes.createProcess("first", true));
            afterInit = footprint();
            procs.add(new Proc(processes.spawn("p0", ProgramImages.builtIn("hello"))));
        }

        void check() {
            // Nothing was swapped out: a page that is not present never held a token, and would fault in zeroes.
            assertEquals(machine.swap().totalPages(), machine.swap().freePages(), "swap slots in use");
            int cpus = machine.config().cpus();
            for (Proc p : procs) {
                for (Region r : p.regions) {
                    for (int i = 0; i < r.pages; i++) {
                        long expected = r.tokens.getOrDefault(i, 0L);
                        long vaddr = r.addr + i * PAGE + 8;
                        for (int cpu = 0; cpu < cpus; cpu++) {
                            int page = i;
                            int on = cpu;
                            Supplier<String> where = () -> "pid " + p.pid + " page " + page + " of "
                                    + Long.toHexString(r.addr) + " on cpu " + on;
                            long pfn = processes.translation(p.pid, cpu, vaddr, AccessType.READ);
                            assertEquals(expected, pfn < 0 ? 0 : machine.pageFrames().content(pfn), where);
                            if (!r.writable) {
                                assertEquals(-1, processes.translation(p.pid, cpu, vaddr, AccessType.WRITE),
                                        () -> where.get() + ": a write to a read-only mapping gets through");
                            }
                        }
                    }
                }
                for (long[] range : p.unmapped) {
                    if (p.regions.stream().noneMatch(r -> r.overlaps(range[0], range[1]))) {
                        String where = "pid " + p.pid + " reads unmapped " + Long.toHexString(range[0]);
                        for (int cpu = 0; cpu < cpus; cpu++) {
                            assertEquals(-1, processes.translation(p.pid, cpu, range[0], AccessType.READ), where + " on cpu " + cpu);
                        }
                        // The fault that follows is SIGSEGV: no VMA there lets it read.
                        assertTrue(processes.vmas(p.pid).stream().noneMatch(v -> v.start() <= range[0] && range[0] < v.end()
                                && (v.flags() & VmFlags.VM_READ) != 0), where);
                    }
                }
                if (!huge) {
                    checkReverseMap(p);
                }
                long mapped = 0;
                long anonymous = 0;
                for (VmaInfo vma : processes.vmas(p.pid)) {
                    mapped += vma.smaps().rss();
                    anonymous += vma.smaps().anonymous();
                }
                assertEquals(mapped / PAGE, processes.task(p.pid).counters().rss(),
                        "pid " + p.pid + ": RSS counters against present page-table entries");
                // So RssFile + RssShmem are the page-cache pages mapped: the image's text and read-only data
                // among them from the start.
                assertEquals(anonymous / PAGE, processes.task(p.pid).counters().rssAnon(),
                        "pid " + p.pid + ": RssAnon against smaps' Anonymous");
            }
            checkSharing();
        }

        /**
         * Map counts against mappers, through what smaps shows: each page's Pss is its size over the entries that map
         * it (a huge page's pages counting the PMDs that map it whole and their own PTEs), so the Pss of every VMA of
         * every process adds up to the distinct frames they map, less under a byte a VMA for the fractions smaps
         * drops. AnonHugePages counts each huge page once, however many PMDs map it: never more than the PMD mappings
         * the processes' smaps show, and none only when there are none.
         */
        void checkSharing() {
            java.util.Set<Long> frames = new java.util.HashSet<>();
            long pss = 0;
            long pmdMapped = 0;
            int vmas = 0;
            for (org.mmsim.api.paging.TaskInfo t : processes.tasks()) {
                for (VmaInfo v : processes.vmas(t.pid())) {
                    vmas++;
                    pss += v.smaps().pss();
                    pmdMapped += v.smaps().anonHugePages();
                    for (long a = v.start(); a < v.end(); a += PAGE) {
                        long pfn = processes.pagemap(t.pid(), a);
                        if (pfn >= 0) {
                            frames.add(pfn);
                        }
                    }
                }
            }
            long distinct = frames.size() * PAGE;
            String sums = "Pss over every VMA " + pss + " against " + distinct + " bytes of distinct frames mapped";
            assertTrue(distinct - vmas <= pss && pss <= distinct, sums);
            long thps = machine.vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES) << 21;
            assertTrue(thps <= pmdMapped && (thps == 0) == (pmdMapped == 0),
                    "AnonHugePages " + thps + " against " + pmdMapped + " bytes of PMD mappings");
        }

        /**
         * Every present page of the process's regions is found by reverse mapping at exactly the (process, address)
         * pairs where some process has that frame in its regions: a region's anonymous pages are mapped nowhere else.
         */
        void checkReverseMap(Proc p) {
            for (Region r : p.regions) {
                for (int i = 0; i < r.pages; i++) {
                    long pfn = processes.pagemap(p.pid, r.addr + i * PAGE);
                    if (pfn < 0) {
                        continue;
                    }
                    java.util.Set<String> expected = new java.util.HashSet<>();
                    for (Proc q : procs) {
                        for (Region s : q.regions) {
                            for (int j = 0; j < s.pages; j++) {
                                if (processes.pagemap(q.pid, s.addr + j * PAGE) == pfn) {
                                    expected.add(q.pid + "@" + Long.toHexString(s.addr + j * PAGE));
                                }
                            }
                        }
                    }
                    java.util.Set<String> found = new java.util.HashSet<>();
                    machine.reverseMap().forEachMapping(pfn, (pid, vaddr, entry) -> found.add(pid + "@" + Long.toHexString(vaddr)));
                    assertEquals(expected, found, "reverse mapping of the frame behind pid " + p.pid + " page " + i);
                }
            }
        }

        void exitAll() {
            for (Proc p : new ArrayList<>(procs)) {
                processes.exit(p.pid);
            }
            procs.clear();
            assertEquals(List.of(1), processes.tasks().stream().map(t -> t.pid()).toList(), "init stays");
            assertEquals(afterInit, footprint(), "[pages free, in the page cache, the kernel's page tables, slabs and "
                    + "vmalloc; task_struct, mm_struct and vm_area_struct objects; KernelStack; AnonPages, "
                    + "AnonHugePages, Mapped] after every process but init exited, against init alone");
        }

        /**
         * Where the machine's pages are, and the kernel objects and counters of processes, with the slab caches
         * shrunk and the per-CPU lists drained. The inodes and dentries of the programs' files stay cached, as they
         * do in Linux, so only the sum of the pages is compared: free, page cache (Buffers from boot on), page tables
         * (the kernel keeps those it made for the vmalloc range), slabs and vmalloc (the kernel stacks).
         */
        List<Long> footprint() {
            List<Long> objects = new ArrayList<>();
            for (org.mmsim.api.kalloc.SlabInfo cache : machine.slabAllocator().slabinfo()) {
                if (java.util.List.of("task_struct", "mm_struct", "vm_area_struct").contains(cache.name())) {
                    objects.add(cache.inuseObjs());
                }
                machine.slabAllocator().kmemCacheShrink(machine.slabAllocator().findCache(cache.name()));
            }
            machine.pageAllocator().drainAllPages();
            long pages = machine.physicalMemory().freePages() + machine.pageCache().pages()
                    + machine.vmstat().get(VmItem.NR_PAGE_TABLE_PAGES) + machine.vmstat().get(VmItem.NR_SLAB_UNRECLAIMABLE)
                    + machine.vmstat().get(VmItem.NR_SLAB_RECLAIMABLE) + machine.vmalloc().usedPages();
            List<Long> figures = new ArrayList<>(List.of(pages));
            figures.addAll(objects);
            figures.addAll(List.of(machine.vmstat().get(VmItem.NR_KERNEL_STACK), machine.vmstat().get(VmItem.NR_ANON_PAGES),
                    machine.vmstat().get(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES), machine.vmstat().get(VmItem.NR_MAPPED)));
            return figures;
        }
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static <T> T pick(List<T> list, int index) {
        return list.get(index % list.size());
    }

    private static Transformer<World> mmap(int proc, int pages) {
        return Transformer.mutate("mmap " + pages + " pages in proc " + proc, w -> {
            if (w.procs.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = new Region();
            r.pages = pages;
            r.addr = w.processes.mmap(p.pid, 0, pages * PAGE, Prot.PROT_READ | Prot.PROT_WRITE,
                    Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
            p.regions.add(r);
        });
    }

    private static Transformer<World> write(int proc, int region, int page) {
        return writes(proc, region, page, 1);
    }

    /**
     * Writes {@code count} pages of a region from {@code page} on (as many as there are): after fork, enough to copy
     * a whole huge page's worth away from the other side.
     */
    private static Transformer<World> writes(int proc, int region, int page, int count) {
        return Transformer.mutate("write proc " + proc + " region " + region + " page " + page
                + (count == 1 ? "" : " and " + (count - 1) + " after"), w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            for (int i = page % r.pages; i < Math.min(r.pages, page % r.pages + count); i++) {
                long token = w.nextToken++;
                long vaddr = r.addr + i * PAGE;
                if (r.writable) {
                    w.processes.write(p.pid, vaddr, token);
                    r.tokens.put(i, token);
                } else {
                    assertThrows(SyscallException.class, () -> w.processes.write(p.pid, vaddr, token),
                            "a write to a read-only mapping is SIGSEGV");
                }
            }
        });
    }

    /** Reads every page of a region back, faulting in what is not present (the zero page where it never wrote). */
    private static Transformer<World> read(int proc, int region) {
        return Transformer.mutate("read proc " + proc + " region " + region, w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            for (int i = 0; i < r.pages; i++) {
                assertEquals(r.tokens.getOrDefault(i, 0L), w.processes.read(p.pid, r.addr + i * PAGE + 8),
                        "pid " + p.pid + " page " + i + " of " + Long.toHexString(r.addr));
            }
        });
    }

    /** MADV_DONTNEED on one page of a region: it reads zeroes again, and a huge page around it is split. */
    private static Transformer<World> dontneed(int proc, int region, int page) {
        return Transformer.mutate("madvise dontneed proc " + proc + " region " + region + " page " + page, w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            int i = page % r.pages;
            w.processes.madvise(p.pid, r.addr + i * PAGE, PAGE, Prot.MADV_DONTNEED);
            r.tokens.remove(i);
        });
    }

    private static Transformer<World> munmap(int proc, int region) {
        return Transformer.mutate("munmap proc " + proc + " region " + region, w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            w.processes.munmap(p.pid, r.addr, r.pages * PAGE);
            p.regions.remove(r);
            p.unmapped.add(new long[] {r.addr, r.addr + r.pages * PAGE});
        });
    }

    private static Transformer<World> mprotect(int proc, int region) {
        return Transformer.mutate("mprotect read-only proc " + proc + " region " + region, w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            w.processes.mprotect(p.pid, r.addr, r.pages * PAGE, Prot.PROT_READ);
            r.writable = false;
        });
    }

    private static Transformer<World> mremap(int proc, int region, int grow) {
        return Transformer.mutate("mremap +" + grow + " pages proc " + proc + " region " + region, w -> {
            if (w.procs.isEmpty() || pick(w.procs, proc).regions.isEmpty()) {
                return;
            }
            Proc p = pick(w.procs, proc);
            Region r = pick(p.regions, region);
            long old = r.addr;
            long oldEnd = r.addr + r.pages * PAGE;
            r.addr = w.processes.mremap(p.pid, r.addr, r.pages * PAGE, (r.pages + grow) * PAGE, Prot.MREMAP_MAYMOVE);
            r.pages += grow;
            if (r.addr != old) {
                p.unmapped.add(new long[] {old, oldEnd});
            }
        });
    }

    private static Transformer<World> fork(int proc) {
        return Transformer.mutate("fork proc " + proc, w -> {
            if (w.procs.isEmpty() || w.procs.size() >= 4) {
                return;
            }
            Proc parent = pick(w.procs, proc);
            Proc child = new Proc(w.processes.fork(parent.pid, "c" + w.procs.size()));
            parent.regions.forEach(r -> child.regions.add(r.copy()));
            child.unmapped.addAll(parent.unmapped);
            w.procs.add(child);
        });
    }

    private static Transformer<World> exit(int proc) {
        return Transformer.mutate("exit proc " + proc, w -> {
            if (w.procs.size() <= 1) {
                return;
            }
            Proc p = pick(w.procs, proc);
            w.processes.exit(p.pid);
            w.procs.remove(p);
        });
    }

    private static Transformer<World> switchTo(int cpu, int proc) {
        return Transformer.mutate("switch cpu " + cpu + " to proc " + proc, w -> {
            if (!w.procs.isEmpty()) {
                w.processes.switchTo(cpu, pick(w.procs, proc).pid);
            }
        });
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return chainsOf(Thp.NEVER, Arbitraries.integers().between(1, 6));
    }

    /** With transparent huge pages: some mappings are whole 2 MiB pages, and partial operations split them. */
    @Provide
    Arbitrary<ActionChain<World>> hugeChains() {
        return chainsOf(Thp.ALWAYS, Arbitraries.oneOf(Arbitraries.integers().between(1, 6), Arbitraries.of(512, 1024)));
    }

    private static Arbitrary<ActionChain<World>> chainsOf(Thp thp, Arbitrary<Integer> sizes) {
        Arbitrary<Integer> small = Arbitraries.integers().between(1, 6);
        return ActionChain.startWith(() -> new World(thp))
            .withAction(3, action(index().flatMap(p -> sizes.map(n -> mmap(p, n)))))
            .withAction(1, action(index().flatMap(p -> index().flatMap(r -> index().map(i -> dontneed(p, r, i))))))
            .withAction(6, action(index().flatMap(p -> index().flatMap(r -> index().map(i -> write(p, r, i))))))
            .withAction(1, action(index().flatMap(p -> index().flatMap(r -> index().map(i -> writes(p, r, i, 512))))))
            .withAction(3, action(index().flatMap(p -> index().map(r -> read(p, r)))))
            .withAction(2, action(index().flatMap(p -> index().map(r -> munmap(p, r)))))
            .withAction(1, action(index().flatMap(p -> index().map(r -> mprotect(p, r)))))
            .withAction(1, action(index().flatMap(p -> index().flatMap(r -> small.map(g -> mremap(p, r, g))))))
            .withAction(2, action(index().map(ProcessesStatefulTest::fork)))
            .withAction(1, action(index().map(ProcessesStatefulTest::exit)))
            .withAction(2, action(Arbitraries.integers().between(0, 1).flatMap(c -> index().map(p -> switchTo(c, p)))))
            .withMaxTransformations(40);
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Property(tries = 25)
    void withHugePagesTooEveryProcessReadsWhatItWrote(@ForAll("hugeChains") ActionChain<World> chain) {
        World end = chain.withInvariant(World::check).run();
        end.exitAll();
    }

    @Property(tries = 40)
    void everyProcessReadsWhatItWroteAndExitReturnsEveryFrame(@ForAll("chains") ActionChain<World> chain) {
        World end = chain.withInvariant(World::check).run();
        end.exitAll();
    }
}
