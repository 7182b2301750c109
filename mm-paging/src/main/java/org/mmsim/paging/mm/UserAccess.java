package org.mmsim.paging.mm;

import java.util.function.IntSupplier;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.MemoryHierarchy;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.time.SimClock;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.Walk;

/**
 * One memory access of a process on a CPU: the MMU translates it, the page walker's loads of a TLB miss and then the
 * access itself, at its physical address, go through the CPU's caches ({@link MemoryHierarchy}); if that faults, the x86 page-fault entry
 * (arch/x86/mm/fault.c, {@code do_user_addr_fault()}) runs {@code handle_mm_fault()} from the entry the MMU's walk
 * found, and the CPU executes the access again. A major fault's read makes the task wait until the disk's request queue
 * ({@link BlockQueue}) has served it, so simulated time passes: the disk's latency and bandwidth, and the requests
 * (swap-outs, writeback, other reads) queued before it, are what thrashing costs.
 */
final class UserAccess {
    private static final long PAGE_SIZE = 4096;
    /** The size of an access that does not say: a word, as a program's loads and stores mostly are. */
    static final int WORD = 8;

    private final Mmu mmu;
    private final FaultHandler faults;
    private final PageFrames frames;
    /** Local replacement, or null for global. */
    private final LocalReplacement local;
    private final SimClock clock;
    private final BlockQueue queue;
    private final ReclaimOps reclaim;
    private final MachineEvents events;
    private final IntSupplier processes;
    private final MemoryHierarchy memory;
    private final Walk walk = new Walk();

    /** @param processes how many processes are live, init included */
    UserAccess(Mmu mmu, FaultHandler faults, PageFrames frames, LocalReplacement local, SimClock clock,
               BlockQueue queue, ReclaimOps reclaim, IntSupplier processes, MachineEvents events, MemoryHierarchy memory) {
        this.memory = memory;
        this.clock = clock;
        this.queue = queue;
        this.events = events;
        this.mmu = mmu;
        this.faults = faults;
        this.frames = frames;
        this.local = local;
        this.reclaim = reclaim;
        this.processes = processes;
    }

    /**
     * One access: translate; on a fault, handle it and translate again.
     *
     * @return {@link Processes#NO_FAULT}, {@link Processes#MINOR_FAULT}, {@link Processes#MAJOR_FAULT},
     *     {@link Processes#SIGSEGV}, {@link Processes#SIGBUS} or {@link Processes#OOM_KILLED}
     */
    int access(Task task, long vaddr, AccessType type, int size, int cpu) {
        Mm mm = task.mm;
        long onCpu = 1L << cpu;
        if ((mm.cpuMask & onCpu) == 0) {
            mm.cpuMask |= onCpu;
        }
        long pfn = translate(mm, vaddr, type, cpu);
        if (pfn >= 0) {
            data(pfn, vaddr, type, size, cpu);
            if (type == AccessType.WRITE) {
                frames.setContent(pfn, faults.nextWrite());
            }
            return Processes.NO_FAULT;
        }
        return fault(task, vaddr, type, size, cpu);
    }

    /** The MMU's translation; a walk's loads of page-table entries go through the CPU's data caches. */
    private long translate(Mm mm, long vaddr, AccessType type, int cpu) {
        walk.steps = 0;
        long pfn = mmu.translate(mm.tables, mm.ctxId, vaddr, type, cpu, walk);
        int entryBytes = mm.tables.entryBytes();
        for (int i = 0; i < walk.steps; i++) {
            memory.walkLoad(cpu, walk.entryAddresses[i], entryBytes);
        }
        return pfn;
    }

    /** The access itself, through the caches at its physical address: up to the page's end (the next page's frame is elsewhere). */
    private void data(long pfn, long vaddr, AccessType type, int size, int cpu) {
        long offset = vaddr & (PAGE_SIZE - 1);
        // If-chains rather than a switch: an enum switch reads a lookup table on every access.
        int kind = type == AccessType.READ ? CacheHierarchy.LOAD
                : type == AccessType.WRITE ? CacheHierarchy.STORE : CacheHierarchy.FETCH;
        memory.access(cpu, kind, pfn << 12 | offset, (int) Math.min(size, PAGE_SIZE - offset));
    }

    /**
     * The rest of an access that faulted: the handler, then the access again. Kept out of {@link #access} so that the
     * JIT inlines the common case, a translation the TLB holds, into its callers without the fault path.
     */
    private int fault(Task task, long vaddr, AccessType type, int size, int cpu) {
        Mm mm = task.mm;
        int fault = faults.handle(task, vaddr, type, cpu, walk);
        // The fault's blk_finish_plug(): what it read (the page, read-around or swap readahead) and what its direct
        // reclaim wrote go to the disk's queue.
        long readDone = queue.unplug();
        if (mm.exited) {
            // The OOM killer chose this task while its fault waited for memory: it is gone.
            return Processes.OOM_KILLED;
        }
        if (FaultResult.isError(fault)) {
            return FaultResult.isSigbus(fault) ? Processes.SIGBUS : Processes.SIGSEGV;
        }
        long pfn = translate(mm, vaddr, type, cpu);
        if (pfn < 0) {
            return Processes.SIGSEGV;
        }
        data(pfn, vaddr, type, size, cpu);
        if (type == AccessType.WRITE) {
            frames.setContent(pfn, faults.nextWrite());
        }
        if (local != null) {
            // Every process but init shares the memory. What the trim swapped out goes to the disk as one request.
            local.trim(mm, processes.getAsInt() - 1, cpu);
            queue.unplug();
        }
        events.pageFault(task.pid, vaddr, type == AccessType.WRITE, FaultResult.isMajor(fault));
        if (!FaultResult.isMajor(fault)) {
            return Processes.MINOR_FAULT;
        }
        // The task waits until its read completes (folio_wait_locked()), behind what the queue held before it:
        // simulated time passes, and kernel work due meanwhile runs. A read another fault queued may be done already.
        long wait = Math.max(0, readDone - clock.nanos());
        if (FaultResult.isMemstall(fault)) {
            reclaim.pressure().memstall(wait);
        }
        queue.ioWait(readDone);
        return Processes.MAJOR_FAULT;
    }

    /** One access to each page of {@code [addr, addr + length)}, up to one that ends the task: see Processes.touch. */
    int touch(Task task, long addr, long length, AccessType type, int cpu) {
        int gravest = Processes.NO_FAULT;
        long end = addr + length;
        for (long at = addr; at < end; at = (at & ~(PAGE_SIZE - 1)) + PAGE_SIZE) {
            int result = access(task, at, type, WORD, cpu);
            if (ends(result)) {
                return result;
            }
            gravest = Math.max(gravest, result);
        }
        return gravest;
    }

    /** Reads the content token at {@code vaddr}, faulting as needed. */
    long read(Task task, long vaddr, int cpu) {
        long pfn = frameAt(task, vaddr, AccessType.READ, cpu);
        if (pfn < 0) {
            throw noFrame(task, "read", vaddr);
        }
        return frames.content(pfn);
    }

    /** Writes a content token at {@code vaddr}, faulting as needed. */
    void write(Task task, long vaddr, long token, int cpu) {
        long pfn = frameAt(task, vaddr, AccessType.WRITE, cpu);
        if (pfn < 0) {
            throw noFrame(task, "write", vaddr);
        }
        frames.setContent(pfn, token);
    }

    /** The frame mapped at {@code vaddr} after an access of {@code type}, or -1 on SIGSEGV or an OOM kill. */
    private long frameAt(Task task, long vaddr, AccessType type, int cpu) {
        if (ends(access(task, vaddr, type, WORD, cpu))) {
            return -1;
        }
        // The access's own wait (a major fault's read) may have let reclaim take the page again: translate anew.
        return mmu.translate(task.mm.tables, task.mm.ctxId, vaddr, type, cpu, walk);
    }

    /** Whether an access's result ends the program: a signal it gets, or the OOM killer's. */
    private static boolean ends(int result) {
        return result == Processes.SIGSEGV || result == Processes.SIGBUS || result == Processes.OOM_KILLED;
    }

    /** The error of a read or write that found no frame: the task was OOM-killed, or it faulted. */
    private static SyscallException noFrame(Task task, String what, long vaddr) {
        if (task.mm.exited) {
            return new SyscallException("ESRCH", String.format("%s at %#x: killed by the OOM killer", what, vaddr));
        }
        return new SyscallException("EFAULT", String.format("%s at %#x: SIGSEGV or SIGBUS", what, vaddr));
    }
}
