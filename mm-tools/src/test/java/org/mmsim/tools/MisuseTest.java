package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.spi.BadInputException;

/**
 * The library refuses misuse: every public call of the machine's contracts, given hostile arguments (negative, huge,
 * null, pids that do not exist, init), either does what the kernel would do or throws a specific exception
 * ({@link SyscallException} with the kernel's errno, {@link IllegalArgumentException}, {@link BadInputException}, and
 * the documented {@code IllegalStateException}s and {@link SlabCorruptionException}) and leaves the machine as it was.
 */
class MisuseTest {
    private static final long[] LONGS = {-1, Long.MIN_VALUE, Long.MAX_VALUE, -4096, 1L << 40, 0xffff888000000000L,
            0x7ffffffff000L, 0, 4096};
    private static final int[] PIDS = {-1, 0, 1, 2, 99_999, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final int[] INTS = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 64, 201};
    private static final String[] NAMES = {null, ""};

    private static Machine small() {
        return Mmsim.boot(MachineConfig.builder().ramBytes(64L << 20).swapBytes(0).build());
    }

    /** One call of the facade, named for the report, with its hostile arguments. */
    record Call(String text, Consumer<Machine> run) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.of(LONGS[0], LONGS[1], LONGS[2], LONGS[3], LONGS[4], LONGS[5], LONGS[6], LONGS[7], LONGS[8]);
    }

    private static Arbitrary<Integer> pids() {
        return Arbitraries.of(PIDS[0], PIDS[1], PIDS[2], PIDS[3], PIDS[4], PIDS[5], PIDS[6]);
    }

    private static Arbitrary<Integer> ints() {
        return Arbitraries.of(INTS[0], INTS[1], INTS[2], INTS[3], INTS[4], INTS[5]);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.of(NAMES[0], NAMES[1]);
    }

    private static Arbitrary<AccessType> types() {
        return Arbitraries.of(AccessType.READ, AccessType.WRITE, null);
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        List<Arbitrary<Call>> calls = new ArrayList<>();
        // Processes (org.mmsim.api.paging): the pid 3 is the app every try spawns first.
        calls.add(names().map(n -> new Call("spawn(" + n + ")", m -> m.processes().spawn(n, ProgramImages.builtIn("hello")))));
        calls.add(Arbitraries.just(new Call("spawn(x, null)", m -> m.processes().spawn("x", null))));
        calls.add(names().map(n -> new Call("createProcess(" + n + ")", m -> m.processes().createProcess(n, true))));
        calls.add(Arbitraries.oneOf(pids(), Arbitraries.just(-3)).flatMap(p -> names().map(n ->
                new Call("fork(" + p + ", " + n + ")", m -> m.processes().fork(p < -2 ? app(m) : p, n)))));
        calls.add(pids().map(p -> new Call("exec(" + p + ")", m -> m.processes().exec(p, ProgramImages.builtIn("hello")))));
        calls.add(Arbitraries.just(new Call("exec(app, null)", m -> m.processes().exec(app(m), null))));
        calls.add(pids().map(p -> new Call("exit(" + p + ")", m -> m.processes().exit(p))));
        calls.add(pids().map(p -> new Call("setOomScoreAdj(" + p + ")", m -> m.processes().setOomScoreAdj(p, 0))));
        calls.add(pids().map(p -> new Call("task(" + p + ")", m -> m.processes().task(p))));
        calls.add(pids().map(p -> new Call("vmas(" + p + ")", m -> m.processes().vmas(p))));
        calls.add(Arbitraries.just(new Call("pidOf(null)", m -> m.processes().pidOf(null))));
        calls.add(ints().map(c -> new Call("tlbStats(" + c + ")", m -> m.processes().tlbStats(c))));
        calls.add(ints().map(c -> new Call("switchTo(" + c + ")", m -> m.processes().switchTo(c, app(m)))));
        calls.add(Arbitraries.of(Prot.MAP_FIXED, 0).flatMap(fixed -> longs().flatMap(a -> longs().map(l -> new Call(
                "mmap(" + a + ", " + l + ", " + fixed + ")", m -> m.processes().mmap(app(m), a, l,
                        Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | fixed, null, 0))))));
        calls.add(longs().map(o -> new Call("mmap(offset " + o + ")", m -> m.processes().mmap(app(m), 0, 4096,
                Prot.PROT_READ, Prot.MAP_PRIVATE, "/nothere", o))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("munmap(" + a + ", " + l + ")",
                m -> m.processes().munmap(app(m), a, l)))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("mprotect(" + a + ", " + l + ")",
                m -> m.processes().mprotect(app(m), a, l, Prot.PROT_READ)))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("mlock(" + a + ", " + l + ")",
                m -> m.processes().mlock(app(m), a, l)))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("madvise(" + a + ", " + l + ")",
                m -> m.processes().madvise(app(m), a, l, Prot.MADV_DONTNEED)))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("mremap(" + a + ", " + l + ")",
                m -> m.processes().mremap(app(m), a, 4096, l, Prot.MREMAP_MAYMOVE)))));
        calls.add(longs().map(b -> new Call("brk(" + b + ")", m -> m.processes().brk(app(m), b))));
        calls.add(longs().map(s -> new Call("malloc(" + s + ")", m -> m.processes().malloc(app(m), s))));
        calls.add(longs().map(a -> new Call("free(" + a + ")", m -> m.processes().free(app(m), a))));
        calls.add(longs().flatMap(a -> types().map(t -> new Call("access(" + a + ", " + t + ")",
                m -> m.processes().access(app(m), a, t)))));
        calls.add(longs().flatMap(a -> longs().map(l -> new Call("touch(" + a + ", " + l + ")",
                m -> m.processes().touch(app(m), a, l, AccessType.READ)))));
        calls.add(Arbitraries.just(new Call("touch(null)", m -> m.processes().touch(app(m), 4096, 4096, null))));
        calls.add(longs().map(a -> new Call("read(" + a + ")", m -> m.processes().read(app(m), a))));
        calls.add(longs().map(a -> new Call("write(" + a + ")", m -> m.processes().write(app(m), a, 7))));
        calls.add(longs().map(a -> new Call("pagemap(" + a + ")", m -> m.processes().pagemap(app(m), a))));
        calls.add(longs().flatMap(a -> types().map(t -> new Call("translation(" + a + ", " + t + ")",
                m -> m.processes().translation(app(m), 0, a, t)))));
        calls.add(ints().map(v -> new Call("setPidMax(" + v + ")", m -> m.processes().limits().setPidMax(v))));
        calls.add(ints().map(v -> new Call("setThreadsMax(" + v + ")", m -> m.processes().limits().setThreadsMax(v))));
        // vmalloc (org.mmsim.api.kalloc)
        calls.add(longs().map(s -> new Call("vmalloc(" + s + ")", m -> m.vmalloc().vmalloc(s, "test"))));
        calls.add(longs().map(s -> new Call("vzalloc(" + s + ")", m -> m.vmalloc().vzalloc(s, "test"))));
        calls.add(Arbitraries.just(new Call("vmalloc(caller null)", m -> m.vmalloc().vmalloc(4096, null))));
        calls.add(longs().map(p -> new Call("vmap(" + p + ")", m -> m.vmalloc().vmap(new long[] {p}, "test"))));
        calls.add(Arbitraries.just(new Call("vmap(null)", m -> m.vmalloc().vmap(null, "test"))));
        calls.add(longs().map(a -> new Call("vfree(" + a + ")", m -> m.vmalloc().vfree(a))));
        calls.add(longs().map(a -> new Call("vunmap(" + a + ")", m -> m.vmalloc().vunmap(a))));
        // Simulated time (org.mmsim.api.time)
        calls.add(Arbitraries.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE).map(t -> new Call("sleep(" + t + ")",
                m -> m.timers().sleep(t))));
        calls.add(Arbitraries.of(-1L, Long.MAX_VALUE).map(t -> new Call("schedule(" + t + ")",
                m -> m.timers().schedule(t, now -> { }))));
        calls.add(Arbitraries.just(new Call("schedule(1, null)", m -> m.timers().schedule(1, null))));
        // Reclaim and the OOM killer (org.mmsim.api.reclaim)
        calls.add(ints().map(n -> new Call("reclaimNode(" + n + ")", m -> m.reclaim().reclaimNode(n, 32))));
        calls.add(longs().map(n -> new Call("reclaimNode(0, " + n + ")", m -> m.reclaim().reclaimNode(0, n))));
        calls.add(longs().map(p -> new Call("reclaimPage(" + p + ")", m -> m.reclaim().reclaimPage(p))));
        calls.add(ints().map(s -> new Call("setSwappiness(" + s + ")", m -> m.reclaim().setSwappiness(s))));
        calls.add(pids().map(p -> new Call("badness(" + p + ")", m -> m.oomKiller().badness(p))));
        calls.add(pids().map(p -> new Call("oomScore(" + p + ")", m -> m.oomKiller().oomScore(p))));
        // Files, writeback, swap (org.mmsim.api.kalloc, org.mmsim.api.reclaim)
        calls.add(longs().flatMap(l -> names().map(n -> new Call("create(" + n + ", " + l + ")",
                m -> m.files().create(n, l)))));
        calls.add(longs().map(l -> new Call("create(/f, " + l + ")", m -> m.files().create("/f", l))));
        // Reads and writes of terabytes are taken, as Linux takes them, and take their time: no such lengths here.
        Arbitrary<Long> ioLengths = Arbitraries.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, 0L, 4096L);
        calls.add(longs().flatMap(o -> ioLengths.map(l -> new Call("files read(" + o + ", " + l + ")",
                m -> m.files().read(app(m), file(m), o, l, null)))));
        calls.add(longs().flatMap(o -> ioLengths.map(l -> new Call("files write(" + o + ", " + l + ")",
                m -> m.files().write(app(m), file(m), o, l, null)))));
        calls.add(pids().map(p -> new Call("files read(pid " + p + ")", m -> m.files().read(p, file(m), 0, 4096, null))));
        calls.add(Arbitraries.just(new Call("files read(null)", m -> m.files().read(app(m), null, 0, 4096, null))));
        calls.add(Arbitraries.just(new Call("fsync(null)", m -> m.files().fsync(app(m), null))));
        calls.add(Arbitraries.just(new Call("size(null)", m -> m.files().size(null))));
        calls.add(ints().map(d -> new Call("dropCaches(" + d + ")", m -> m.files().dropCaches(d))));
        calls.add(pids().map(p -> new Call("io(" + p + ")", m -> m.files().io(p))));
        calls.add(ints().map(v -> new Call("setDirtyRatio(" + v + ")", m -> m.writeback().setDirtyRatio(v))));
        calls.add(ints().map(v -> new Call("setDirtyBackgroundRatio(" + v + ")",
                m -> m.writeback().setDirtyBackgroundRatio(v))));
        calls.add(ints().map(v -> new Call("setDirtyExpireCentisecs(" + v + ")",
                m -> m.writeback().setDirtyExpireCentisecs(v))));
        calls.add(ints().map(v -> new Call("setDirtyWritebackCentisecs(" + v + ")",
                m -> m.writeback().setDirtyWritebackCentisecs(v))));
        // A swapon that is taken makes the next one of its path EBUSY, and a swapoff of it is taken.
        calls.add(longs().flatMap(l -> names().map(n -> new Call("swapon(" + n + ", " + l + ")",
                m -> m.swap().swapon(n, l, 0)))));
        calls.add(Arbitraries.oneOf(longs(), Arbitraries.of(1L, 2L)).map(l -> new Call("swapon(/swap, " + l + ")",
                m -> m.swap().swapon("/swap", l, -1))));
        calls.add(ints().map(p -> new Call("swapon(priority " + p + ")", m -> m.swap().swapon("/swap", 1024, p))));
        calls.add(Arbitraries.of(" ", "swap", "/a swap").map(n -> new Call("swapon(" + n + ")",
                m -> m.swap().swapon(n, 16, -1))));
        calls.add(Arbitraries.of(null, "", "/nothere", "/swap").map(n -> new Call("swapoff(" + n + ")",
                m -> m.swap().swapoff(n))));
        calls.add(ints().map(v -> new Call("setPageCluster(" + v + ")", m -> m.swap().setPageCluster(v))));
        calls.add(ints().map(v -> new Call("setPanicOnOom(" + v + ")", m -> m.oomKiller().setPanicOnOom(v))));
        calls.add(ints().map(v -> new Call("setOomKillAllocatingTask(" + v + ")",
                m -> m.oomKiller().setOomKillAllocatingTask(v))));
        calls.add(ints().map(v -> new Call("setOomDumpTasks(" + v + ")", m -> m.oomKiller().setOomDumpTasks(v))));
        // The slab and page allocators, physical memory's tunables (org.mmsim.api.kalloc, org.mmsim.api.physical)
        calls.add(longs().map(l -> new Call("kmalloc(" + l + ")", m -> m.slabAllocator().kmalloc(l, Gfp.GFP_KERNEL))));
        calls.add(longs().map(a -> new Call("kfree(" + a + ")", m -> m.slabAllocator().kfree(a))));
        calls.add(longs().map(a -> new Call("ksize(" + a + ")", m -> m.slabAllocator().ksize(a))));
        calls.add(longs().map(a -> new Call("krealloc(" + a + ")", m -> m.slabAllocator().krealloc(a, 64, Gfp.GFP_KERNEL))));
        calls.add(ints().flatMap(size -> names().map(n -> new Call("kmemCacheCreate(" + n + ", " + size + ")",
                m -> m.slabAllocator().kmemCacheCreate(n, size, 8, 0)))));
        calls.add(ints().map(c -> new Call("kmemCacheAlloc(" + c + ")",
                m -> m.slabAllocator().kmemCacheAlloc(c, Gfp.GFP_KERNEL))));
        calls.add(ints().map(c -> new Call("kmemCacheDestroy(" + c + ")", m -> m.slabAllocator().kmemCacheDestroy(c))));
        calls.add(ints().map(c -> new Call("kmemCacheShrink(" + c + ")", m -> m.slabAllocator().kmemCacheShrink(c))));
        calls.add(ints().map(c -> new Call("cacheName(" + c + ")", m -> m.slabAllocator().cacheName(c))));
        calls.add(ints().map(c -> new Call("slabinfo(" + c + ")", m -> m.slabAllocator().slabinfo(c))));
        calls.add(ints().map(c -> new Call("validate(" + c + ")", m -> m.slabAllocator().validate(c))));
        calls.add(ints().map(c -> new Call("slab setCurrentCpu(" + c + ")", m -> m.slabAllocator().setCurrentCpu(c))));
        calls.add(Arbitraries.just(new Call("findCache(null)", m -> m.slabAllocator().findCache(null))));
        calls.add(ints().map(o -> new Call("allocPages(order " + o + ")",
                m -> m.pageAllocator().allocPages(Gfp.GFP_KERNEL, o))));
        calls.add(longs().map(p -> new Call("freePages(" + p + ")", m -> m.pageAllocator().freePages(p, 0))));
        calls.add(longs().map(p -> new Call("splitPage(" + p + ")", m -> m.pageAllocator().splitPage(p, 1))));
        calls.add(ints().map(c -> new Call("page setCurrentCpu(" + c + ")", m -> m.pageAllocator().setCurrentCpu(c))));
        // A huge min_free_kbytes is taken, as Linux takes it, and leaves no memory to spawn with: negatives only.
        calls.add(Arbitraries.of(-1, Integer.MIN_VALUE).map(v -> new Call("setMinFreeKbytes(" + v + ")",
                m -> m.physicalMemory().setMinFreeKbytes(v))));
        calls.add(ints().map(v -> new Call("setWatermarkScaleFactor(" + v + ")",
                m -> m.physicalMemory().setWatermarkScaleFactor(v))));
        calls.add(ints().map(v -> new Call("setWatermarkBoostFactor(" + v + ")",
                m -> m.physicalMemory().setWatermarkBoostFactor(v))));
        calls.add(ints().map(v -> new Call("setPercpuPagelistHighFraction(" + v + ")",
                m -> m.physicalMemory().setPercpuPagelistHighFraction(v))));
        calls.add(ints().map(n -> new Call("clearWatermarkBoost(" + n + ")", m -> m.physicalMemory().clearWatermarkBoost(n))));
        calls.add(Arbitraries.of(new int[0], new int[] {-1, -1, -1, -1}, null).map(r -> new Call(
                "setLowmemReserveRatio(" + java.util.Arrays.toString(r) + ")", m -> m.physicalMemory().setLowmemReserveRatio(r))));
        calls.add(Arbitraries.just(new Call("setFailPageAlloc(null)", m -> m.physicalMemory().setFailPageAlloc(null))));
        // The tools' views
        calls.add(Arbitraries.of("--nonsense", "-s", "-1").map(o -> new Call("free(" + o + ")", m -> m.views().free(o))));
        calls.add(Arbitraries.just(new Call("free(null)", m -> m.views().free((String) null))));
        calls.add(Arbitraries.of("-p", "99999", "-1").map(o -> new Call("ps(" + o + ")", m -> m.views().ps("-p", o))));
        calls.add(Arbitraries.of("-1", "0", "99999999999").map(o -> new Call("vmstat(" + o + ")", m -> m.views().vmstat(o))));
        calls.add(Arbitraries.of("-1", "99999", "").map(o -> new Call("pmap(" + o + ")", m -> m.views().pmap(o))));
        // /proc
        calls.add(Arbitraries.of("/proc/99999/status", "/proc/-1/maps", "/nothere").map(f -> new Call("read(" + f + ")",
                m -> m.proc().read(f))));
        calls.add(Arbitraries.just(new Call("proc read(null)", m -> m.proc().read(null))));
        return Arbitraries.oneOf(calls).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Each machine's file of 1 MiB, made before its first call. */
    private static final Map<Machine, FileRef> FILES = new WeakHashMap<>();

    private static FileRef file(Machine machine) {
        return FILES.computeIfAbsent(machine, m -> m.files().create("/data", 1 << 20));
    }

    private static int app(Machine machine) {
        return machine.processes().pidOf("app").orElseThrow();
    }

    /**
     * What a refused call must leave unchanged: the counters, /proc/meminfo, the tasks, vmalloc's areas, the swap
     * areas and vm.page-cluster.
     */
    private static String snapshot(Machine machine) {
        return machine.vmstat() + machine.proc().read("/proc/meminfo") + machine.processes().tasks()
                + machine.proc().read("/proc/vmallocinfo") + machine.clock().nanos() + machine.proc().read("/proc/swaps")
                + machine.swap().pageCluster();
    }

    @Property(tries = 300)
    void everyHostileCallIsDoneOrRefusedAndARefusalChangesNothing(@ForAll("calls") List<Call> calls) {
        Machine machine = small();
        machine.processes().spawn("app", ProgramImages.builtIn("hello"));
        file(machine);
        for (Call call : calls) {
            if (machine.processes().pidOf("app").isEmpty()) {
                break;
            }
            String before = snapshot(machine);
            try {
                call.run().accept(machine);
            } catch (SyscallException | IllegalArgumentException | IllegalStateException | BadInputException
                    | SlabCorruptionException refused) {
                assertEquals(before, snapshot(machine), call + " was refused (" + refused.getMessage()
                        + ") but changed the machine");
            } catch (RuntimeException e) {
                throw new AssertionError(call + " leaked " + e, e);
            }
        }
        long free = machine.physicalMemory().freePages();
        assertEquals(machine.vmstat().asMap().get("nr_free_pages"), free, "free pages as vmstat counts them");
        Swap swap = machine.swap();
        assertEquals(swap.areas().stream().mapToLong(SwapArea::pages).sum(), swap.totalPages(), "SwapTotal is the areas'");
        assertEquals(swap.areas().stream().map(SwapArea::path).distinct().count(), swap.areas().size(), "no path twice");
        assertTrue(swap.areas().stream().allMatch(a -> a.pages() >= 1 && a.priority() >= -33 && a.priority() <= 32767),
                "every area has a slot and a priority swapon(2) gives");
        assertTrue(free <= machine.physicalMemory().totalRamPages(), "no more free pages than pages");
        assertTrue(machine.proc().read("/proc/meminfo").startsWith("MemTotal:"));
        int pid = machine.processes().spawn("after", ProgramImages.builtIn("hello"));
        assertEquals(Processes.MINOR_FAULT, machine.processes().touch(pid, machine.processes().malloc(pid, 1 << 20),
                1 << 20, AccessType.WRITE), "a new spawn still works");
    }

    private static void refused(String errno, Machine machine, Runnable call) {
        String before = snapshot(machine);
        SyscallException e = assertThrows(SyscallException.class, call::run);
        assertEquals(errno, e.errno(), e.getMessage());
        assertEquals(before, snapshot(machine));
    }

    @Test
    void mallocOfANegativeOrHugeSizeFailsWithEnomemAsGlibcDoes() {
        Machine machine = small();
        int pid = machine.processes().spawn("app", ProgramImages.builtIn("hello"));
        refused("ENOMEM", machine, () -> machine.processes().malloc(pid, -1));
        refused("ENOMEM", machine, () -> machine.processes().malloc(pid, Long.MAX_VALUE));
    }

    @Test
    void mapFixedOutsideUserSpaceFails() {
        Machine machine = small();
        int pid = machine.processes().spawn("app", ProgramImages.builtIn("hello"));
        int anon = Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_FIXED;
        refused("ENOMEM", machine, () -> machine.processes().mmap(pid, 0xffff888000000000L, 4096, Prot.PROT_READ, anon,
                null, 0));
        refused("ENOMEM", machine, () -> machine.processes().mmap(pid, -4096, 4096, Prot.PROT_READ, anon, null, 0));
        assertEquals(Processes.SIGSEGV, machine.processes().access(pid, -4096, AccessType.READ));
    }

    @Test
    void vmallocOfMoreThanTheMachineFailsAtOnceAndVmapRefusesFramesThatDoNotExist() {
        Machine machine = small();
        String before = snapshot(machine);
        assertEquals(Vmalloc.FAILED, machine.vmalloc().vmalloc(Long.MAX_VALUE, "test"));
        assertEquals(Vmalloc.FAILED, machine.vmalloc().vmalloc(1L << 40, "test"));
        // At once: nothing was reserved, reclaimed or killed on the way.
        assertEquals(before, snapshot(machine));
        assertThrows(IllegalArgumentException.class, () -> machine.vmalloc().vmap(new long[] {-1}, "test"));
        assertThrows(IllegalArgumentException.class, () -> machine.vmalloc().vmap(new long[] {1L << 40}, "test"));
        assertEquals(before, snapshot(machine));
    }

    /** Through the console, as a program drives scenario lines: vmalloc(1T) on 4 GiB fails at once, killing nobody. */
    @Test
    void aConsolesVmallocOfMoreThanTheMachineFailsAtOnce() {
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(4L << 30).swapBytes(0).build());
        Console console = Console.of(machine);
        console.run("spawn app");
        console.run("app malloc buf 64M");
        console.run("app touch buf write");
        String printed = console.run("vmalloc v 1T");
        assertTrue(printed.startsWith("v: NULL\n") && printed.contains("app: vmalloc error: size 1099511627776, "
                + "exceeds total pages, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0\n"), printed);
        assertTrue(machine.processes().pidOf("app").isPresent(), "nobody was killed");
    }

    /** Through the console: a file that does not exist is ENOENT; a page wholly past a file's end is SIGBUS. */
    @Test
    void aConsolesFileMappingNeedsTheFileAndEndsAtItsEnd() {
        Machine machine = small();
        Console console = Console.of(machine);
        console.run("spawn app");
        assertEquals("app: mmap m: mmap: no file /nothere (ENOENT)\n", console.run("app mmap m 1M file=/nothere"));
        console.run("file create /data/f 4096");
        console.run("app mmap m 1M file=/data/f");
        assertEquals("", console.run("app touch m read length=4K"));
        assertTrue(console.run("app touch m read offset=4K length=1").startsWith("app: Bus error (SIGBUS at 0x"));
    }

    /** swapon(2) and swapoff(2) refuse what the kernel refuses, with its errno (checked against 6.18 here). */
    @Test
    void swapRefusesWhatTheKernelRefusesAndChangesNothing() {
        Machine machine = small();
        Swap swap = machine.swap();
        refused("EFAULT", machine, () -> swap.swapon(null, 16, -1));
        refused("ENOENT", machine, () -> swap.swapon("", 16, -1));
        refused("EINVAL", machine, () -> swap.swapon("swapfile", 16, -1));
        refused("EINVAL", machine, () -> swap.swapon("/s", 1, -1));
        refused("EINVAL", machine, () -> swap.swapon("/s", 0, -1));
        refused("EINVAL", machine, () -> swap.swapon("/s", Long.MIN_VALUE, -1));
        refused("EINVAL", machine, () -> swap.swapon("/s", Long.MAX_VALUE, -1));
        refused("EINVAL", machine, () -> swap.swapon("/s", 16, -2));
        refused("EINVAL", machine, () -> swap.swapon("/s", 16, 32768));
        refused("EINVAL", machine, () -> swap.swapon("/s", 16, Integer.MIN_VALUE));
        swap.swapon("/s", 2, 32767);
        assertEquals(1, swap.totalPages(), "the least area is its header and one slot");
        refused("EBUSY", machine, () -> swap.swapon("/s", 16, -1));
        refused("EFAULT", machine, () -> swap.swapoff(null));
        refused("ENOENT", machine, () -> swap.swapoff(""));
        refused("EINVAL", machine, () -> swap.swapoff("/nothere"));
        swap.swapoff("/s");
        refused("EINVAL", machine, () -> swap.swapoff("/s"));
    }

    @Test
    void swaponPastThirtyTwoAreasIsEperm() {
        Machine machine = small();
        for (int i = 0; i < 32; i++) {
            machine.swap().swapon("/s" + i, 2, -1);
        }
        refused("EPERM", machine, () -> machine.swap().swapon("/s32", 2, -1));
    }

    /** A sysctl's value out of range: the write is EINVAL in Linux, an IllegalArgumentException here as for every tunable. */
    @Test
    void pageClusterOutOfRangeIsRefusedAndChangesNothing() {
        Machine machine = small();
        String before = snapshot(machine);
        for (int value : new int[] {-1, Integer.MIN_VALUE, 32, Integer.MAX_VALUE}) {
            assertThrows(IllegalArgumentException.class, () -> machine.swap().setPageCluster(value), "page-cluster " + value);
        }
        assertEquals(before, snapshot(machine));
        machine.swap().setPageCluster(31);
        assertEquals(31, machine.swap().pageCluster());
    }

    @Test
    void initCannotBeKilledAndSpawnsGoOn() {
        Machine machine = small();
        machine.processes().spawn("app", ProgramImages.builtIn("hello"));
        refused("EPERM", machine, () -> machine.processes().exit(1));
        machine.processes().spawn("next", ProgramImages.builtIn("hello"));
    }

    /**
     * kernel.threads-max ({@code set_max_threads()}, kernel/fork.c): as many tasks as an eighth of RAM holds 16 KiB
     * stacks, kernel threads included; one more fork is EAGAIN, and one exit makes room again.
     */
    @Test
    void forksPastThreadsMaxFailWithEagain() {
        Machine machine = small();
        Processes processes = machine.processes();
        long maxThreads = machine.physicalMemory().totalRamPages() * 4096 / (16 * 1024 * 8);
        List<Integer> pids = new ArrayList<>();
        while (processes.tasks().size() + processes.kernelThreads().size() < maxThreads) {
            pids.add(processes.createProcess("p", true));
        }
        assertEquals(maxThreads, processes.limits().threadsMax());
        assertEquals(maxThreads, processes.limits().threads());
        refused("EAGAIN", machine, () -> processes.createProcess("one-more", true));
        refused("EAGAIN", machine, () -> processes.fork(pids.get(0), "one-more"));
        processes.exit(pids.get(0));
        processes.createProcess("room", true);
    }

    /** A lower kernel.threads-max leaves the tasks there alive and stops the next fork; a higher one lets it go. */
    @Test
    void threadsMaxWrittenLowStopsTheNextFork() {
        Machine machine = small();
        Processes processes = machine.processes();
        int pid = processes.spawn("app", ProgramImages.builtIn("hello"));
        processes.limits().setThreadsMax(processes.limits().threads());
        refused("EAGAIN", machine, () -> processes.fork(pid, "child"));
        processes.limits().setThreadsMax(processes.limits().threads() + 1);
        processes.fork(pid, "child");
    }

    /**
     * kernel.pid_max: pid_idr_init()'s 32768 on a machine of up to 32 CPUs; a write below the pids given makes the
     * next fork wrap to RESERVED_PIDS (300), as alloc_pid()'s cyclic allocation does.
     */
    @Test
    void pidMaxWrittenLowWrapsTheNextPid() {
        Machine machine = small();
        Processes processes = machine.processes();
        assertEquals(32768, processes.limits().pidMax());
        int pid = processes.spawn("app", ProgramImages.builtIn("hello"));
        assertTrue(pid < 301, "a fresh machine's first pids are low: " + pid);
        while (pid < 301) {
            pid = processes.createProcess("p", true);
        }
        processes.limits().setPidMax(301);
        refused("EAGAIN", machine, () -> processes.createProcess("none-left", true));
        processes.limits().setPidMax(303);
        assertEquals(302, processes.createProcess("next", true));
        refused("EAGAIN", machine, () -> processes.createProcess("none-left", true));
        processes.exit(300);
        assertEquals(300, processes.createProcess("wrapped", true), "past pid_max, pids start again at RESERVED_PIDS");
    }

    @Test
    void limitsOutsideTheirSysctlRangesAreRefusedAndLeaveTheValue() {
        Processes processes = small().processes();
        for (int bad : new int[] {Integer.MIN_VALUE, 0, 300, 4 * 1024 * 1024 + 1}) {
            assertThrows(IllegalArgumentException.class, () -> processes.limits().setPidMax(bad));
        }
        for (int bad : new int[] {Integer.MIN_VALUE, -1, 0, 0x40000000}) {
            assertThrows(IllegalArgumentException.class, () -> processes.limits().setThreadsMax(bad));
        }
        assertEquals(32768, processes.limits().pidMax());
        assertEquals(small().processes().limits().threadsMax(), processes.limits().threadsMax());
    }

    @Test
    void nullsAndImpossibleValuesAreRefusedAtTheDoor() {
        assertThrows(IllegalArgumentException.class, () -> Mmsim.boot(null));
        Machine machine = small();
        int pid = machine.processes().spawn("app", ProgramImages.builtIn("hello"));
        refused("EFAULT", machine, () -> machine.processes().createProcess(null, true));
        refused("EFAULT", machine, () -> machine.processes().fork(pid, null));
        assertThrows(IllegalArgumentException.class, () -> machine.timers().schedule(1, null));
        assertThrows(IllegalArgumentException.class, () -> machine.timers().sleep(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> machine.reclaim().reclaimNode(-1, 32));
    }
}
