package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.time.SimClock;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * The processes of a machine and what they do to memory: the process table (pids, tasks, the CPUs' current tasks)
 * and the calls on it, each handed to the mechanism that does it: fork's copy of the address space ({@link Fork}),
 * exec's ELF loader ({@link ElfLoader}), exit, the memory system calls ({@link Mmap}), glibc's malloc, memory
 * accesses ({@link UserAccess}), smaps' figures ({@link Smaps}), swapoff ({@link SwapUnuse}) and the reverse-map
 * walks ({@link RmapWalk}). Address-space layout is x86-64's without randomisation: programs at 0x555555554000, the
 * stack ending at the top of user space, mappings top-down from 128 MiB below it.
 */
public final class ProcessTable implements Processes, org.mmsim.api.kernel.ProcessHooks {
    private final TreeMap<Integer, Task> tasks = new TreeMap<>();
    private final Mmu mmu;
    private final Mmap mmap;
    private final Mremap mremap;
    private final PageCache pageCache;
    private final SimClock clock;
    private final OvercommitAccounting overcommit;
    private final KernelStacks kernelStacks;
    private final KernelObjects objects;
    private final Fork fork;
    private final ElfLoader loader;
    private final UserAccess access;
    private final Smaps smaps;
    private final SwapUnuse swapoff;
    private final RmapWalk rmapWalk;
    private final int[] running;
    private final PidMap pids;
    private final Limits limits;
    private final List<String> kernelThreadNames;
    private final List<Task> kernelThreads = new ArrayList<>();
    private int cpu;
    private Task lastTask;
    private final Walk pagemapWalk = new Walk();
    private final ReclaimOps reclaim;
    private final MempolicyCalls mempolicies;

    ProcessTable(PageTables pageTables, Mmu mmu, FaultHandler faults, PageCache pageCache, PageFrames frames,
                        SimClock clock, OvercommitAccounting overcommit, KernelStacks kernelStacks, SlabAllocator slab,
                        BlockQueue queue, ReclaimOps reclaim, LocalReplacement local,
                        List<String> kernelThreadNames, org.mmsim.api.MachineEvents events,
                        org.mmsim.api.physical.MemoryHierarchy memoryHierarchy, long memoryNodes) {
        this.reclaim = reclaim;
        this.kernelThreadNames = List.copyOf(kernelThreadNames);
        this.objects = new KernelObjects(slab);
        this.kernelStacks = kernelStacks;
        this.mmu = mmu;
        this.pageCache = pageCache;
        this.clock = clock;
        this.overcommit = overcommit;
        this.mmap = new Mmap(faults, pageCache, overcommit, mmu);
        this.mremap = new Mremap(mmap, faults, overcommit, mmu);
        this.running = new int[mmu.cpus()];
        this.pids = new PidMap(mmu.cpus());
        this.limits = new Limits(pids, kernelStacks);
        Rmap rmap = new Rmap();
        this.fork = new Fork(pageTables, rmap, objects, mmu, faults, mmap, overcommit);
        this.access = new UserAccess(mmu, faults, frames, local, clock, queue, reclaim, tasks::size, events,
                memoryHierarchy);
        this.loader = new ElfLoader(pageTables.mode(), pageCache, mmap, overcommit, access);
        this.smaps = new Smaps(frames, faults);
        this.swapoff = new SwapUnuse(faults);
        this.rmapWalk = new RmapWalk(rmap, frames, faults, pageCache, mmu, () -> cpu);
        this.mempolicies = new MempolicyCalls(this, faults.policies(), faults,
                new PageMigrate(faults, rmapWalk, faults.vmstat()), memoryNodes);
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

    /** {@link #lookup} for the memory policies' calls. */
    Task lookupTask(int pid, String what) {
        return lookup(pid, what);
    }

    /** A task something else looks at or kills (/proc, the OOM killer): the current task stays as it was. */
    private Task lookup(int pid, String what) {
        Task task = tasks.get(pid);
        if (task == null) {
            throw new SyscallException("ESRCH", what + ": no process " + pid);
        }
        return task;
    }

    @Override
    public int spawn(String name, ProgramImage image) {
        return spawn(name, image, null);
    }

    /** {@link #spawn(String, ProgramImage)} with the child's memory policy set before it execs, as numactl does. */
    int spawn(String name, ProgramImage image, Mempolicy policy) {
        SyscallArgs.given(image, SyscallArgs.userString(name, "spawn"), "the image");
        startInit();
        int pid = fork(1, name);
        tasks.get(pid).mempolicy = policy;
        exec(pid, image);
        // As if the program were run through a link named NAME: execve() names the task after the file it was given
        // (kbasename(bprm->filename) in fs/exec.c), while the image it loads is the linked one.
        tasks.get(pid).setComm(name);
        return pid;
    }

    /** The first process, pid 1, a shell's image, and the kernel threads. */
    @Override
    public void startInit() {
        if (tasks.isEmpty()) {
            long stack = kernelStacks.allocateAtBoot();
            int pid = pids.alloc();
            Task init = newTask(pid, 0, "init", fork.mmAlloc(pid), stack);
            tasks.put(init.pid, init);
            loader.load(init, ProgramImages.builtIn("sh"), cpu);
            init.comm = "init";
            startKernelThreads();
        }
    }

    /** kernel_init() starts kthreadd right after init (pid 2), then the boot's kernel threads as its children. */
    private void startKernelThreads() {
        for (String name : kernelThreadNames) {
            int ppid = kernelThreads.isEmpty() ? 0 : TaskInfo.KTHREADD_PID;
            kernelThreads.add(newTask(pids.alloc(), ppid, name, null, kernelStacks.allocateAtBoot()));
        }
    }

    /** A task with pid {@code pid}, its kernel stack at {@code stack}, and its task_struct. */
    private Task newTask(int pid, int ppid, String name, Mm mm, long stack) {
        Task task = new Task(pid, ppid, name, mm, clock.nanos());
        task.kernelStack = stack;
        task.object = objects.allocTask();
        return task;
    }

    @Override
    public int createProcess(String name, boolean zeroPage) {
        SyscallArgs.userString(name, "createProcess");
        startInit();
        int pid = pids.next();
        long stack = kernelStacks.allocate();
        pids.take(pid);
        Task task = newTask(pid, 1, name, fork.mmAlloc(pid), stack);
        task.setComm(name);
        task.mm.forbidsZeroPage = !zeroPage;
        tasks.put(task.pid, task);
        return task.pid;
    }

    @Override
    public int fork(int pid, String childName) {
        Task parent = task(pid, "fork");
        SyscallArgs.userString(childName, "fork");
        int childPid = pids.next();
        long stack = kernelStacks.allocate();
        pids.take(childPid);
        Mm to;
        try {
            to = fork.mmAlloc(childPid);
        } catch (RuntimeException e) {
            kernelStacks.free(stack);
            pids.free(childPid);
            throw e;
        }
        Task child = newTask(childPid, pid, childName, to, stack);
        child.setComm(childName);
        child.oomScoreAdj = parent.oomScoreAdj;
        child.uid = parent.uid;
        // copy_process(): the child's policy is a copy of the parent's (mpol_dup()).
        child.mempolicy = parent.mempolicy;
        fork.dupMm(parent.mm, to);
        tasks.put(child.pid, child);
        return child.pid;
    }

    @Override
    public void exec(int pid, ProgramImage image) {
        Task task = task(pid, "exec");
        SyscallArgs.given(image, "exec", "the image");
        Mm old = task.mm;
        task.mm = fork.mmAlloc(task.pid);
        fork.mmput(task, old, cpu);
        task.setComm(image.name());
        loader.load(task, image, cpu);
    }

    @Override
    public void exit(int pid) {
        Task task = lookup(pid, "exit");
        if (pid == 1) {
            // init cannot be killed (SIGNAL_UNKILLABLE); were it to exit, the kernel would panic (kernel/exit.c).
            throw new SyscallException("EPERM", "exit: init (pid 1) cannot be killed");
        }
        fork.mmput(task, task.mm, cpu);
        kernelStacks.free(task.kernelStack);
        objects.freeTask(task.object);
        tasks.remove(pid);
        pids.free(pid);
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
        return mremap.mremap(task(pid, "mremap"), oldAddr, oldLength, newLength, flags, cpu);
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
        return task.mm.malloc.malloc(size, new MallocSyscalls(mmap, task, cpu));
    }

    @Override
    public void free(int pid, long addr) {
        Task task = task(pid, "free");
        try {
            task.mm.malloc.free(addr, new MallocSyscalls(mmap, task, cpu));
        } catch (IllegalArgumentException e) {
            throw new SyscallException("EINVAL", e.getMessage());
        }
    }

    @Override
    public int access(int pid, long vaddr, AccessType type) {
        return access(pid, vaddr, type, UserAccess.WORD);
    }

    @Override
    public int access(int pid, long vaddr, AccessType type, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an access of " + size + " bytes; expected at least 1");
        }
        return access.access(task(pid, "access"), vaddr, SyscallArgs.given(type, "access", "the type"), size, cpu);
    }

    @Override
    public int touch(int pid, long addr, long length, AccessType type) {
        if (length < 0) {
            throw new IllegalArgumentException("touch of " + length + " bytes; expected a length of 0 or more");
        }
        return access.touch(task(pid, "touch"), addr, length, SyscallArgs.given(type, "touch", "the type"), cpu);
    }

    @Override
    public long read(int pid, long vaddr) {
        return access.read(task(pid, "read"), vaddr, cpu);
    }

    @Override
    public void write(int pid, long vaddr, long token) {
        access.write(task(pid, "write"), vaddr, token, cpu);
    }

    @Override
    public void switchTo(int cpu, int pid) {
        checkCpu(cpu);
        Task task = task(pid, "switch");
        this.cpu = cpu;
        if (running[cpu] != pid) {
            mmu.switchTo(cpu, task.mm.ctxId);
            running[cpu] = pid;
        }
        task.mm.cpuMask |= 1L << cpu;
    }

    private void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= running.length) {
            throw new SyscallException("EINVAL", "no cpu " + cpu + "; expected 0 to " + (running.length - 1));
        }
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
        return infos(tasks.values());
    }

    @Override
    public List<TaskInfo> kernelThreads() {
        return infos(kernelThreads);
    }

    private static List<TaskInfo> infos(Collection<Task> tasks) {
        List<TaskInfo> list = new ArrayList<>();
        for (Task t : tasks) {
            list.add(t.info());
        }
        return list;
    }

    @Override
    public TaskInfo task(int pid) {
        return lookup(pid, "task").info();
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
            list.add(smaps.show(task.mm, vma));
        }
        return list;
    }

    @Override
    public MemSizeStats smapsRollup(int pid) {
        return smaps.rollup(lookup(pid, "smaps_rollup").mm);
    }

    @Override
    public boolean swapUnuse(int type) {
        return swapoff.tryToUnuse(tasks.values(), type);
    }

    @Override
    public long forks() {
        return pids.allocated();
    }

    /**
     * The task whose call (an access, a system call) is running, or made the last one: a fault or an allocation
     * inside a call is that task's, whichever task the CPU last switched to. Else the CPU's task, or 0.
     */
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
    public int currentCpu() {
        return cpu;
    }

    @Override
    public org.mmsim.api.paging.MemoryPolicies mempolicies() {
        return mempolicies;
    }

    /** Reverse mapping over every address space of the table. */
    public ReverseMap reverseMap() {
        return rmapWalk;
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
    public long translation(int pid, int cpu, long vaddr, AccessType type) {
        Mm mm = lookup(pid, "translation").mm;
        checkCpu(cpu);
        long pfn = mmu.probe(mm.tables, mm.ctxId, vaddr, SyscallArgs.given(type, "translation", "the type"), cpu);
        return pfn < 0 ? -1 : pfn;
    }

    @Override
    public TlbStats tlbStats(int c) {
        if (c < 0 || c >= mmu.cpus()) {
            throw new SyscallException("EINVAL", "no cpu " + c);
        }
        return mmu.stats(c);
    }

    @Override
    public org.mmsim.api.paging.TaskLimits limits() {
        return limits;
    }

    @Override
    public OvercommitAccounting overcommit() {
        return overcommit;
    }

    @Override
    public void registerReclaim(org.mmsim.api.kernel.Lru lru, org.mmsim.api.reclaim.Swap swap,
                                org.mmsim.api.kernel.SwapCache swapCache, Pressure pressure,
                                org.mmsim.api.reclaim.Reclaim vmscan) {
        reclaim.register(lru, swap, swapCache, pressure, vmscan);
    }
}
