package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.PageCache;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.ReverseMap;
import org.mmsim.api.reclaim.SwapEntry;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;
import org.mmsim.paging.tlb.TlbArray;

/**
 * The processes of a machine and what they do to memory: fork and exec (kernel/fork.c, fs/binfmt_elf.c), exit
 * ({@code exit_mmap()}), the memory system calls ({@link Mmap}), glibc's malloc, and memory accesses through the
 * {@link Mmu} and the {@link FaultHandler}. Address-space layout is x86-64's without randomisation: programs at
 * 0x555555554000, the stack ending at the top of user space, mappings top-down from 128 MiB below it.
 */
public final class ProcessTable implements Processes, ReverseMap {

    private final TreeMap<Integer, Task> tasks = new TreeMap<>();
    /** Local replacement, or null for global. */
    private final LocalReplacement local;
    private final PageTables pageTables;
    private final PagingMode mode;
    private final Mmu mmu;
    private final FaultHandler faults;
    private final Mmap mmap;
    private final PageCache pageCache;
    private final PageFrames frames;
    private final SimClock clock;
    private final OvercommitAccounting overcommit;
    private final KernelStacks kernelStacks;
    private final KernelObjects objects;
    private final Timers timers;
    private final Supplier<Pressure> pressure;
    /**
     * What a major fault waits: one 4 KiB read from an SSD-like virtio disk, 100 µs. Reads are synchronous for the
     * faulting task, so this is where thrashing costs time.
     */
    static final long MAJOR_FAULT_NANOS = 100_000;
    private final int[] running;
    private int nextPid = 1;
    private final List<String> kernelThreadNames;
    private final List<Task> kernelThreads = new ArrayList<>();
    // PCIDs 1 to 4095 not in use by a live address space; 0 is the kernel's.
    private final BitSet pcidsInUse = new BitSet(TlbArray.MAX_PCID + 1);
    private int cpu;
    private Task lastTask;
    private final Rmap rmap = new Rmap();
    private final Walk pagemapWalk = new Walk();

    public ProcessTable(PageTables pageTables, Mmu mmu, FaultHandler faults, PageCache pageCache, PageFrames frames,
                        SimClock clock, OvercommitAccounting overcommit, KernelStacks kernelStacks, SlabAllocator slab,
                        Timers timers, Supplier<Pressure> pressure, LocalReplacement local, List<String> kernelThreadNames) {
        this.kernelThreadNames = List.copyOf(kernelThreadNames);
        this.timers = timers;
        this.local = local;
        this.pressure = pressure;
        this.objects = new KernelObjects(slab);
        this.kernelStacks = kernelStacks;
        this.pageTables = pageTables;
        this.mode = pageTables.mode();
        this.mmu = mmu;
        this.faults = faults;
        this.pageCache = pageCache;
        this.frames = frames;
        this.clock = clock;
        this.overcommit = overcommit;
        this.mmap = new Mmap(faults, pageCache, overcommit, mmu);
        this.running = new int[mmu.cpus()];
    }

    /** The task making a call: remembered, as the current task, until another one calls. */
    private Task task(int pid, String what) {
        // Accesses come in long runs from one process: remember it rather than search the table each time.
        if (lastTask != null && lastTask.pid == pid) {
            return lastTask;
        }
        Task task = lookup(pid, what);
        lastTask = task;
        return task;
    }

    /** A task something else looks at or kills (/proc, the OOM killer): the current task stays as it was. */
    private Task lookup(int pid, String what) {
        Task task = tasks.get(pid);
        if (task == null) {
            throw new SyscallException("ESRCH", what + ": no process " + pid);
        }
        return task;
    }

    private Mm newMm(int owner) {
        // A PCID tags one live address space; the TLBs were cleared of it when its last owner went.
        int pcid = pcidsInUse.nextClearBit(1);
        if (pcid > TlbArray.MAX_PCID) {
            throw new SyscallException("EAGAIN", "no PCID left: " + TlbArray.MAX_PCID
                    + " address spaces are live");
        }
        pcidsInUse.set(pcid);
        long taskSize = mode.taskSize();
        // mmap_base(): 128 MiB (the minimum gap for the stack) below the top of the default window.
        Mm mm = new Mm(new AddressSpaceTables(pageTables), pcid, mapWindow() - (128L << 20), taskSize, rmap, objects);
        mm.owner = owner;
        return mm;
    }

    /**
     * {@code DEFAULT_MAP_WINDOW}: the top of the user space the stack and mmap use. With 5-level paging addresses
     * above 47 bits are given only to mmap hints that ask for them, so the window stays at 47 bits.
     */
    private long mapWindow() {
        return mode == PagingMode.X86_64_5LEVEL ? PagingMode.X86_64_4LEVEL.taskSize() : mode.taskSize();
    }

    /**
     * {@code ELF_ET_DYN_BASE} with ASLR off, where a position-independent executable is loaded: two thirds of the
     * window (0x555555554000 on x86-64, 0x80000000 on i386).
     */
    private long pieBase() {
        return mapWindow() / 3 * 2 & -4096L;
    }

    @Override
    public int spawn(String name, ProgramImage image) {
        startInit();
        int pid = fork(1, name);
        exec(pid, image);
        return pid;
    }

    /** The first process, pid 1, a shell's image, started with the first process a scenario asks for. */
    private void startInit() {
        if (tasks.isEmpty()) {
            long stack = kernelStacks.allocate();
            Task init = new Task(nextPid, 0, "init", newMm(nextPid), clock.nanos());
            nextPid++;
            init.kernelStack = stack;
            init.object = objects.allocTask();
            tasks.put(init.pid, init);
            load(init, ProgramImages.builtIn("sh"));
            init.comm = "init";
            startKernelThreads();
        }
    }

    /** kernel_init() starts kthreadd right after init (pid 2), then the boot's kernel threads as its children. */
    private void startKernelThreads() {
        for (String name : kernelThreadNames) {
            Task thread = new Task(nextPid, kernelThreads.isEmpty() ? 0 : TaskInfo.KTHREADD_PID, name, null, clock.nanos());
            nextPid++;
            thread.kernelStack = kernelStacks.allocate();
            thread.object = objects.allocTask();
            kernelThreads.add(thread);
        }
    }

    @Override
    public int createProcess(String name, boolean zeroPage) {
        startInit();
        long stack = kernelStacks.allocate();
        Task task = new Task(nextPid, 1, name, newMm(nextPid), clock.nanos());
        nextPid++;
        task.kernelStack = stack;
        task.object = objects.allocTask();
        task.mm.forbidsZeroPage = !zeroPage;
        tasks.put(task.pid, task);
        return task.pid;
    }

    @Override
    public int fork(int pid, String childName) {
        Task parent = task(pid, "fork");
        Mm from = parent.mm;
        long stack = kernelStacks.allocate();
        Mm to;
        try {
            to = newMm(nextPid);
        } catch (RuntimeException e) {
            kernelStacks.free(stack);
            throw e;
        }
        Task child = new Task(nextPid++, pid, childName, to, clock.nanos());
        child.kernelStack = stack;
        child.object = objects.allocTask();
        child.oomScoreAdj = parent.oomScoreAdj;
        child.uid = parent.uid;
        to.startBrk = from.startBrk;
        to.brk = from.brk;
        to.startStack = from.startStack;
        to.exe = from.exe;
        to.malloc = from.malloc.copy();
        Walk at = new Walk();
        for (Vma vma : new ArrayList<>(from.vmas.values())) {
            Vma copy = vma.slice(vma.start, vma.end);
            // dup_mmap(): mlock is not inherited (VM_LOCKED_MASK cleared); the parent's pages stay locked by it.
            copy.flags &= ~VmFlags.VM_LOCKED;
            copy.anonVma = vma.anonVma;
            to.insert(copy);
            if (tasks.get(pid) != parent) {
                // The OOM killer chose the parent for the child's vm_area_struct: its address space is gone.
                throw new SyscallException("EINTR", "fork: killed by the OOM killer");
            }
            if ((vma.flags & VmFlags.VM_ACCOUNT) != 0) {
                overcommit.charge(vma.pages());
            }
            if (vma.anonVma == 0) {
                // vma_needs_copy(): a mapping with no anonymous pages is left for the child to fault in.
                continue;
            }
            faults.huge().split(from, vma.start, vma.end, true, cpu);
            // copy_present_pte(): private writable pages become copy-on-write in both; the child's entries are old.
            from.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
                long childEntry = entry;
                if (SwapPtes.isSwap(entry)) {
                    // copy_nonpresent_pte(): the child holds the entry too.
                    faults.swap().duplicate(SwapPtes.entry(entry));
                    to.swapEntries++;
                } else if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0) {
                    if (vma.isCow() && (entry & Pte.RW) != 0) {
                        childEntry = entry & ~Pte.RW;
                        from.tables.set(table, index, childEntry);
                    }
                    faults.share(to, copy, PageTables.pfnOf(entry));
                }
                if (!to.tables.prepare(vaddr, at)) {
                    throw new SyscallException("ENOMEM", "fork: no memory for page tables");
                }
                to.tables.set(at, childEntry & ~Pte.ACCESSED);
            });
        }
        mmu.flushMm(from.cpuMask, from.pcid);
        to.hiwaterRss = to.rss();
        to.updateHiwater();
        tasks.put(child.pid, child);
        return child.pid;
    }

    @Override
    public void exec(int pid, ProgramImage image) {
        Task task = task(pid, "exec");
        Mm old = task.mm;
        task.mm = newMm(task.pid);
        tearDown(task, old);
        task.comm = image.name();
        load(task, image);
    }

    /** {@code load_elf_binary()}: the program, its loader and libraries, vDSO, heap start and stack. */
    private void load(Task task, ProgramImage image) {
        Mm mm = task.mm;
        FileRef exe = pageCache.file(image.path(), fileSize(image));
        mm.exe = exe;
        long end = mapImage(task, image, exe, pieBase());
        mm.startBrk = end;
        mm.brk = end;
        ProgramImage loader = ProgramImages.builtIn("ld-linux-x86-64.so.2");
        mapLibrary(task, loader);
        mapVdso(mm);
        for (ProgramImage library : image.libraries()) {
            mapLibrary(task, library);
        }
        long stack = Mmap.pageAlign(Math.max(image.stack(), 132 << 10));
        long top = mapWindow();
        Vma stackVma = new Vma(top - stack, top, VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_MAYREAD
                | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC | VmFlags.VM_GROWSDOWN | VmFlags.VM_ACCOUNT, (top - stack) >>> 12, null, "[stack]");
        overcommit.charge(stackVma.pages());
        mm.insert(stackVma);
        mm.startStack = top - Mmap.PAGE;
        // The kernel writes argv, envp and the auxiliary vector at the top of the stack.
        access(task, top - 8, AccessType.WRITE);
    }

    /**
     * {@code map_vdso()} (arch/x86/entry/vdso/vma.c): one free range holds the data pages, the clock pages, then the
     * vDSO's text, in that order upwards, as special mappings ({@code _install_special_mapping()} adds
     * VM_DONTEXPAND). The data pages are PFN maps of kernel memory, never dumped; the text may be written by ptrace.
     */
    private static void mapVdso(Mm mm) {
        long base = mm.unmappedArea(8 * Mmap.PAGE);
        long data = VmFlags.VM_READ | VmFlags.VM_MAYREAD | VmFlags.VM_PFNMAP | VmFlags.VM_IO | VmFlags.VM_DONTEXPAND
                | VmFlags.VM_DONTDUMP;
        long text = VmFlags.VM_READ | VmFlags.VM_EXEC | VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC
                | VmFlags.VM_DONTEXPAND;
        mm.insert(new Vma(base, base + 4 * Mmap.PAGE, data, 0, null, "[vvar]"));
        mm.insert(new Vma(base + 4 * Mmap.PAGE, base + 6 * Mmap.PAGE, data, 0, null, "[vvar_vclock]"));
        mm.insert(new Vma(base + 6 * Mmap.PAGE, base + 8 * Mmap.PAGE, text, 0, null, "[vdso]"));
    }

    private static long fileSize(ProgramImage image) {
        return Mmap.pageAlign(image.rodata()) + Mmap.pageAlign(image.text()) + Mmap.pageAlign(image.data());
    }

    private void mapLibrary(Task task, ProgramImage library) {
        long size = fileSize(library) + Mmap.pageAlign(library.bss());
        long base = task.mm.unmappedArea(size);
        mapImage(task, library, pageCache.file(library.path(), fileSize(library)), base);
    }

    /**
     * Maps the PT_LOAD segments of an image at {@code base}: half the read-only data (the headers) before the text, the
     * text, the rest of the read-only data, the data, then the bss as anonymous memory. The dynamic loader's
     * relocations write every data page, so each becomes a private copy. Returns the end of the last segment.
     */
    private long mapImage(Task task, ProgramImage image, FileRef file, long base) {
        long head = Math.max(Mmap.PAGE, Mmap.pageAlign(image.rodata() / 2));
        long tail = Mmap.pageAlign(image.rodata()) - head;
        long text = Mmap.pageAlign(image.text());
        long data = Mmap.pageAlign(image.data());
        long offset = 0;
        long at = base;
        long[][] segments = {{head, Prot.PROT_READ}, {text, Prot.PROT_READ | Prot.PROT_EXEC},
            {Math.max(0, tail), Prot.PROT_READ}, {data, Prot.PROT_READ | Prot.PROT_WRITE}};
        for (long[] segment : segments) {
            if (segment[0] > 0) {
                mmap.mmap(task, at, segment[0], (int) segment[1], Prot.MAP_PRIVATE | Prot.MAP_FIXED, file, offset, null, cpu);
                if ((segment[1] & Prot.PROT_WRITE) != 0) {
                    for (long page = at; page < at + segment[0]; page += Mmap.PAGE) {
                        access(task, page, AccessType.WRITE);
                    }
                }
                offset += segment[0];
                at += segment[0];
            }
        }
        long bss = Mmap.pageAlign(image.bss());
        if (bss > 0) {
            mmap.mmap(task, at, bss, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_FIXED, null, 0, null, cpu);
            at += bss;
        }
        return at;
    }

    @Override
    public void exit(int pid) {
        Task task = lookup(pid, "exit");
        tearDown(task, task.mm);
        kernelStacks.free(task.kernelStack);
        objects.freeTask(task.object);
        tasks.remove(pid);
        if (lastTask == task) {
            lastTask = null;
        }
        // forget_original_parent(): the children are handed to init.
        for (Task t : tasks.values()) {
            if (t.ppid == pid) {
                t.ppid = 1;
            }
        }
        for (int c = 0; c < running.length; c++) {
            if (running[c] == pid) {
                running[c] = 0;
            }
        }
    }

    /** {@code exit_mmap()}: every VMA zapped and uncharged, every page table freed, the TLBs cleared of it. */
    private void tearDown(Task task, Mm mm) {
        Mm current = task.mm;
        task.mm = mm;
        for (Vma vma : new ArrayList<>(mm.vmas.values())) {
            mmap.zap(task, vma, vma.start, vma.end, cpu);
            if ((vma.flags & VmFlags.VM_ACCOUNT) != 0) {
                overcommit.uncharge(vma.pages());
            }
            mm.remove(vma);
        }
        mm.tables.freeAll();
        mm.exited = true;
        mm.drop();
        mmu.flushMm(mm.cpuMask, mm.pcid);
        pcidsInUse.clear(mm.pcid);
        task.mm = current;
    }

    @Override
    public long mmap(int pid, long addr, long length, int prot, int flags, String file, long offset) {
        Task task = task(pid, "mmap");
        FileRef ref = null;
        if (file != null) {
            ref = pageCache.lookup(file).orElseThrow(() -> new SyscallException("ENOENT", "mmap: no file " + file));
        }
        return mmap.mmap(task, addr, length, prot, flags, ref, offset, null, cpu);
    }

    @Override
    public void munmap(int pid, long addr, long length) {
        mmap.munmap(task(pid, "munmap"), addr, length, cpu);
    }

    @Override
    public void mprotect(int pid, long addr, long length, int prot) {
        mmap.mprotect(task(pid, "mprotect"), addr, length, prot, cpu);
    }

    @Override
    public long mremap(int pid, long oldAddr, long oldLength, long newLength, int flags) {
        return mmap.mremap(task(pid, "mremap"), oldAddr, oldLength, newLength, flags, cpu);
    }

    @Override
    public void mlock(int pid, long addr, long length) {
        mmap.mlock(task(pid, "mlock"), addr, length, cpu);
    }

    @Override
    public void madvise(int pid, long addr, long length, int advice) {
        mmap.madvise(task(pid, "madvise"), addr, length, advice, cpu);
    }

    @Override
    public long brk(int pid, long newBrk) {
        return mmap.brk(task(pid, "brk"), newBrk, cpu);
    }

    @Override
    public long malloc(int pid, long size) {
        Task task = task(pid, "malloc");
        return task.mm.malloc.malloc(size, kernelFor(task));
    }

    @Override
    public void free(int pid, long addr) {
        Task task = task(pid, "free");
        try {
            task.mm.malloc.free(addr, kernelFor(task));
        } catch (IllegalArgumentException e) {
            throw new SyscallException("EINVAL", e.getMessage());
        }
    }

    private org.mmsim.paging.glibc.Malloc.Kernel kernelFor(Task task) {
        return new org.mmsim.paging.glibc.Malloc.Kernel() {
            @Override
            public long brk(long newBrk) {
                return mmap.brk(task, newBrk, cpu);
            }

            @Override
            public long mmap(long length) {
                return mmap.mmap(task, 0, length, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                        null, 0, null, cpu);
            }

            @Override
            public void munmap(long addr, long length) {
                mmap.munmap(task, addr, length, cpu);
            }
        };
    }

    @Override
    public int access(int pid, long vaddr, AccessType type) {
        return access(task(pid, "access"), vaddr, type);
    }

    /** One access: translate; on a fault, handle it and translate again. */
    int access(Task task, long vaddr, AccessType type) {
        Mm mm = task.mm;
        long onCpu = 1L << cpu;
        if ((mm.cpuMask & onCpu) == 0) {
            mm.cpuMask |= onCpu;
        }
        long pfn = mmu.translate(mm.tables, mm.pcid, vaddr, type, cpu);
        if (pfn >= 0) {
            if (type == AccessType.WRITE) {
                frames.setContent(pfn, faults.nextWrite());
            }
            return NO_FAULT;
        }
        int fault = faults.handle(task, vaddr, type, cpu);
        if (tasks.get(task.pid) != task) {
            // The OOM killer chose this task while its fault waited for memory: it is gone.
            return OOM_KILLED;
        }
        if (fault == SIGSEGV) {
            return SIGSEGV;
        }
        pfn = mmu.translate(mm.tables, mm.pcid, vaddr, type, cpu);
        if (pfn < 0) {
            return SIGSEGV;
        }
        if (type == AccessType.WRITE) {
            frames.setContent(pfn, faults.nextWrite());
        }
        if (local != null) {
            // Every process but init shares the memory.
            local.trim(mm, tasks.size() - 1, cpu);
        }
        if (fault == MAJOR_FAULT) {
            // The task waited for the read: simulated time passes, and kernel work due meanwhile runs.
            if (faults.lastMajorStalled()) {
                pressure.get().memstall(MAJOR_FAULT_NANOS);
            }
            timers.sleep(MAJOR_FAULT_NANOS);
        }
        return fault;
    }

    /** The frame mapped at {@code vaddr} after an access of {@code type}, or -1 on SIGSEGV or an OOM kill. */
    private long frameAt(Task task, long vaddr, AccessType type) {
        int result = access(task, vaddr, type);
        if (result == SIGSEGV || result == OOM_KILLED) {
            return -1;
        }
        return mmu.translate(task.mm.tables, task.mm.pcid, vaddr, type, cpu);
    }

    /** The error of a read or write that found no frame: the task was OOM-killed, or it faulted. */
    private SyscallException noFrame(Task task, String what, long vaddr) {
        if (tasks.get(task.pid) != task) {
            return new SyscallException("ESRCH", String.format("%s at %#x: killed by the OOM killer", what, vaddr));
        }
        return new SyscallException("EFAULT", String.format("%s at %#x: SIGSEGV", what, vaddr));
    }

    @Override
    public long read(int pid, long vaddr) {
        Task task = task(pid, "read");
        long pfn = frameAt(task, vaddr, AccessType.READ);
        if (pfn < 0) {
            throw noFrame(task, "read", vaddr);
        }
        return frames.content(pfn);
    }

    @Override
    public void write(int pid, long vaddr, long token) {
        Task task = task(pid, "write");
        long pfn = frameAt(task, vaddr, AccessType.WRITE);
        if (pfn < 0) {
            throw noFrame(task, "write", vaddr);
        }
        frames.setContent(pfn, token);
    }

    @Override
    public void switchTo(int cpu, int pid) {
        if (cpu < 0 || cpu >= running.length) {
            throw new SyscallException("EINVAL", "no cpu " + cpu + "; expected 0 to " + (running.length - 1));
        }
        Task task = task(pid, "switch");
        this.cpu = cpu;
        if (running[cpu] != pid) {
            mmu.switchTo(cpu, task.mm.pcid);
            running[cpu] = pid;
        }
        task.mm.cpuMask |= 1L << cpu;
    }

    @Override
    public void setOomScoreAdj(int pid, int adj) {
        if (adj < -1000 || adj > 1000) {
            throw new SyscallException("EINVAL", "oom_score_adj " + adj + "; expected -1000 to 1000");
        }
        lookup(pid, "oom_score_adj").oomScoreAdj = adj;
    }

    @Override
    public List<TaskInfo> tasks() {
        List<TaskInfo> list = new ArrayList<>();
        for (Task t : tasks.values()) {
            list.add(info(t));
        }
        return list;
    }

    @Override
    public List<TaskInfo> kernelThreads() {
        List<TaskInfo> list = new ArrayList<>();
        for (Task t : kernelThreads) {
            list.add(info(t));
        }
        return list;
    }

    private static TaskInfo info(Task t) {
        return new TaskInfo(t.pid, t.ppid, t.comm, t.uid, t.oomScoreAdj, t.startNanos, t.minFlt, t.majFlt,
                t.mm == null ? MmCounters.NONE : t.mm.counters());
    }

    @Override
    public TaskInfo task(int pid) {
        return info(lookup(pid, "task"));
    }

    @Override
    public OptionalInt pidOf(String name) {
        for (Task t : tasks.descendingMap().values()) {
            if (t.comm.equals(name)) {
                return OptionalInt.of(t.pid);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public List<VmaInfo> vmas(int pid) {
        Task task = lookup(pid, "maps");
        List<VmaInfo> list = new ArrayList<>();
        for (Vma vma : task.mm.vmas.values()) {
            list.add(smaps(task.mm, vma));
        }
        return list;
    }

    /** {@code smaps_account()} over one VMA's entries. */
    private VmaInfo smaps(Mm mm, Vma vma) {
        long[] sums = new long[9];
        long[] swapped = {0};
        mm.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
            if (SwapPtes.isSwap(entry)) {
                swapped[0] += 4096;
                return;
            }
            if ((entry & Pte.PRESENT) == 0 || (entry & Pte.SPECIAL) != 0) {
                return;
            }
            long pfn = PageTables.pfnOf(entry);
            boolean huge = (entry & Pte.PSE) != 0;
            long size = huge ? HugePmds.SIZE : 4096;
            int mapcount = Math.max(1, frames.mapcount(pfn));
            boolean dirty = (entry & Pte.DIRTY) != 0 || (frames.flags(pfn) & org.mmsim.api.physical.PageFlags.DIRTY) != 0;
            sums[0] += size;
            // smaps_page_accumulate(): PSS kept with PSS_SHIFT (12) bits of fraction (fs/proc/task_mmu.c).
            sums[1] += (size << 12) / mapcount;
            sums[mapcount > 1 ? (dirty ? 3 : 2) : (dirty ? 5 : 4)] += size;
            if ((entry & Pte.ACCESSED) != 0) {
                sums[6] += size;
            }
            if (faults.kindOf(vma, pfn) == FaultHandler.Kind.ANON) {
                sums[7] += size;
                if (huge) {
                    sums[8] += size;
                }
            }
        });
        FileRef file = vma.file;
        String name = vma.name != null ? vma.name : file != null ? file.path() : "";
        return new VmaInfo(vma.start, vma.end, vma.flags, file == null ? 0 : vma.pgoff * 4096,
                file == null ? "00:00" : file.device(), file == null ? 0 : file.inode(), name, sums[0], sums[1] >> 12, sums[2], sums[3],
                sums[4], sums[5], sums[6], sums[7], sums[8], swapped[0], faults.huge().eligibleSomewhere(vma));
    }

    @Override
    public boolean swapUnuse(int type) {
        for (Task task : new ArrayList<>(tasks.values())) {
            for (Vma vma : task.mm.vmaList()) {
                if (vma.anonVma == 0) {
                    continue;
                }
                List<Long> held = new ArrayList<>();
                task.mm.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
                    if (SwapPtes.isSwap(entry) && SwapEntry.type(SwapPtes.entry(entry)) == type) {
                        held.add(vaddr);
                    }
                });
                for (long vaddr : held) {
                    if (!faults.unuse(task.mm, vma, vaddr)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The task whose call (an access, a system call) is running, or made the last one: a fault or an allocation
     * inside a call is that task's, whichever task the CPU last switched to. Else the CPU's task, or 0.
     */
    @Override
    public long forks() {
        return nextPid - 1;
    }

    @Override
    public int current() {
        if (lastTask != null) {
            return lastTask.pid;
        }
        if (running[cpu] != 0 && tasks.containsKey(running[cpu])) {
            return running[cpu];
        }
        return 0;
    }

    @Override
    public boolean tryToUnmap(long pfn, long swapEntry) {
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            Mm mm = vma.mm;
            long entry = mm.tables.walk(vaddr, pagemapWalk);
            if ((entry & Pte.PRESENT) == 0 || (entry & Pte.SPECIAL) != 0 || PageTables.pfnOf(entry) != pfn) {
                return;
            }
            if ((entry & Pte.PSE) != 0) {
                // try_to_unmap() splits a PMD-mapped folio: the huge page becomes 512 small ones first.
                faults.huge().split(mm, vaddr, vaddr + 4096, true, cpu);
                entry = mm.tables.walk(vaddr, pagemapWalk);
            }
            if (swapEntry != 0) {
                faults.swap().duplicate(swapEntry);
                mm.tables.set(pagemapWalk, SwapPtes.of(swapEntry));
                mm.swapEntries++;
            } else {
                mm.tables.set(pagemapWalk, 0);
                if ((entry & Pte.DIRTY) != 0) {
                    pageCache.setPageDirty(pfn);
                }
            }
            mmu.invalidate(mm.cpuMask, cpu, mm.pcid, vaddr);
            faults.unmapPage(mm, vma, pfn);
        });
        return frames.mapcount(pfn) == 0;
    }

    @Override
    public long pagemap(int pid, long vaddr) {
        Mm mm = lookup(pid, "pagemap").mm;
        long entry = mm.tables.walk(vaddr, pagemapWalk);
        if ((entry & Pte.PRESENT) == 0 || (entry & Pte.SPECIAL) != 0) {
            return -1;
        }
        return PageTables.pfnOf(entry) + ((vaddr >>> 12) & ((1L << (pagemapWalk.shift - 12)) - 1));
    }

    @Override
    public void forEachMapping(long pfn, MappingVisitor visitor) {
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            long entry = vma.mm.tables.walk(vaddr, pagemapWalk);
            if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0 && PageTables.pfnOf(entry) == pfn) {
                visitor.visit(vma.mm.owner, vaddr, entry);
            }
        });
    }

    @Override
    public int referenced(long pfn) {
        int[] young = {0};
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            long entry = vma.mm.tables.walk(vaddr, pagemapWalk);
            if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0 && PageTables.pfnOf(entry) == pfn
                    && (entry & Pte.ACCESSED) != 0) {
                // ptep_clear_flush_young() on x86 clears the bit and leaves the TLBs alone.
                vma.mm.tables.set(pagemapWalk, entry & ~Pte.ACCESSED);
                young[0]++;
            }
        });
        return young[0];
    }

    @Override
    public TlbStats tlbStats(int c) {
        if (c < 0 || c >= mmu.cpus()) {
            throw new SyscallException("EINVAL", "no cpu " + c);
        }
        return mmu.stats(c);
    }

    @Override
    public OvercommitAccounting overcommit() {
        return overcommit;
    }
}
