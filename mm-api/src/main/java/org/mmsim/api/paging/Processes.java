package org.mmsim.api.paging;

import java.util.List;
import java.util.OptionalInt;

/**
 * Processes and their virtual memory, as a program sees the kernel: fork and exec, the memory system calls, glibc's
 * malloc, and memory accesses that the MMU translates and the fault handler resolves (kernel/fork.c, mm/mmap.c,
 * mm/mprotect.c, mm/mremap.c, mm/memory.c). A failing system call throws {@link SyscallException} and changes
 * nothing.
 */
public interface Processes {
    /** {@link #access} found the translation or resolved the fault without I/O: no fault, or a minor one. */
    int NO_FAULT = 0;
    /** {@link #access} took a minor fault (a zero page, a page-cache hit, a copy-on-write copy). */
    int MINOR_FAULT = 1;
    /** {@link #access} took a major fault (the page was read from a file or swap). */
    int MAJOR_FAULT = 2;
    /** {@link #access} found no VMA or broke its protection: the process gets SIGSEGV. */
    int SIGSEGV = 3;
    /** The OOM killer killed the process while its fault waited for memory: it is gone. */
    int OOM_KILLED = 4;
    /**
     * {@link #access} touched a page of a file mapping wholly past the end of the file ({@code filemap_fault()}): the
     * process gets SIGBUS. The rest of the file's last page reads as zeroes.
     */
    int SIGBUS = 5;

    /**
     * Starts a program: fork of init, then execve of {@code image} through a file named {@code name}, which becomes
     * the task's comm (its first 15 characters, as TASK_COMM_LEN keeps) while {@code image} gives its layout. Returns
     * the pid.
     */
    int spawn(String name, ProgramImage image);

    /**
     * Starts a process with an empty address space, for its caller to fill with {@code MAP_FIXED} mappings, as a
     * checkpoint restore (CRIU) rebuilds one. Returns the pid.
     *
     * @param zeroPage whether read faults on anonymous memory map the shared zero page; false makes every first
     *     touch allocate a page, as {@code mm_forbids_zeropage()} does
     */
    int createProcess(String name, boolean zeroPage);

    /**
     * Forks {@code pid}: the child, named {@code childName} (its first 15 characters), shares its pages copy-on-write.
     * Returns the child's pid.
     */
    int fork(int pid, String childName);

    /** Replaces {@code pid}'s address space with a new program, whose name becomes the task's comm. */
    void exec(int pid, ProgramImage image);

    /** Ends {@code pid}: its address space is torn down and its pages freed. */
    void exit(int pid);

    /**
     * mmap(2): maps {@code length} bytes; {@code file} null for anonymous memory. With {@link Prot#MAP_HUGETLB} (and
     * {@link Prot#MAP_HUGE_2MB} or {@link Prot#MAP_HUGE_1GB}) anonymous memory of a hugetlbfs pool's huge pages: the
     * length rounded up to the huge page, the pages reserved unless {@link Prot#MAP_NORESERVE}.
     *
     * @return the address
     * @throws SyscallException as mmap(2) fails: EINVAL for a huge page size there is no pool of, or a file with
     *     MAP_HUGETLB; ENOMEM when the pool cannot reserve the huge pages; nothing changes then
     */
    long mmap(int pid, long addr, long length, int prot, int flags, String file, long offset);

    /** munmap(2). */
    void munmap(int pid, long addr, long length);

    /** mprotect(2). */
    void mprotect(int pid, long addr, long length, int prot);

    /**
     * mlock(2): the pages of the range are faulted in and locked in memory (VM_LOCKED, VmLck, the unevictable list).
     *
     * @throws SyscallException ENOMEM if part of the range is not mapped
     */
    void mlock(int pid, long addr, long length);

    /** madvise(2) with {@code MADV_DONTNEED}, {@code MADV_HUGEPAGE} or {@code MADV_NOHUGEPAGE}. */
    void madvise(int pid, long addr, long length, int advice);

    /** mremap(2); returns the new address. */
    long mremap(int pid, long oldAddr, long oldLength, long newLength, int flags);

    /** brk(2): sets the program break (0 asks for it); returns the break. */
    long brk(int pid, long newBrk);

    /** glibc malloc(3): small requests from the brk heap, large ones (M_MMAP_THRESHOLD) by mmap. Returns the address. */
    long malloc(int pid, long size);

    /** glibc free(3) of a block from {@link #malloc}. */
    void free(int pid, long addr);

    /**
     * One memory access of a word (8 bytes) by {@code pid} on the current CPU: {@link #access(int, long, AccessType, int)}.
     *
     * @return {@link #NO_FAULT}, {@link #MINOR_FAULT}, {@link #MAJOR_FAULT}, {@link #SIGSEGV}, {@link #SIGBUS} or
     *     {@link #OOM_KILLED}
     * @throws IllegalArgumentException if {@code type} is null
     */
    int access(int pid, long vaddr, AccessType type);

    /**
     * One memory access of {@code size} bytes by {@code pid} on the current CPU: TLB, page walk, fault, then the CPU's
     * caches at the physical address (up to the page's end), which decide what the access costs.
     *
     * @return {@link #NO_FAULT}, {@link #MINOR_FAULT}, {@link #MAJOR_FAULT}, {@link #SIGSEGV}, {@link #SIGBUS} or
     *     {@link #OOM_KILLED}
     * @throws IllegalArgumentException if {@code type} is null or {@code size} is under 1
     */
    int access(int pid, long vaddr, AccessType type, int size);

    /**
     * A program's sweep of {@code length} bytes from {@code addr}, as a loop over every element of an array makes:
     * one access of {@code type} to each page the range covers, in address order, up to the first that ends the
     * process.
     *
     * @return {@link #SIGSEGV}, {@link #SIGBUS} or {@link #OOM_KILLED} if an access ended it (after a signal the
     *     process is still there, as after {@link #access}), else the gravest fault taken: {@link #MAJOR_FAULT}, {@link #MINOR_FAULT}
     *     or {@link #NO_FAULT}
     * @throws IllegalArgumentException if {@code length} is negative or {@code type} null
     */
    int touch(int pid, long addr, long length, AccessType type);

    /** Reads the content token of the page at {@code vaddr} (an access, faulting as needed). */
    long read(int pid, long vaddr);

    /** Writes a content token to the page at {@code vaddr} (a write access, faulting as needed). */
    void write(int pid, long vaddr, long token);

    /** Switches CPU {@code cpu} to run {@code pid}: the TLB is flushed, or kept with PCIDs. Accesses then run there. */
    void switchTo(int cpu, int pid);

    /** Sets {@code oom_score_adj}. */
    void setOomScoreAdj(int pid, int adj);

    /** Every live process, by pid. */
    List<TaskInfo> tasks();

    /**
     * The kernel threads, by pid: kthreadd (pid 2, started right after init) and the threads it started at boot
     * (kernel/kthread.c). They have no address space ({@link MmCounters#NONE}); the OOM killer never picks them.
     */
    List<TaskInfo> kernelThreads();

    /** One process. */
    TaskInfo task(int pid);

    /** The pid of the live process named {@code name}. */
    OptionalInt pidOf(String name);

    /** The VMAs of {@code pid}, in address order, with their smaps figures. */
    List<VmaInfo> vmas(int pid);

    /**
     * The smaps figures of {@code pid}'s whole address space, as /proc/PID/smaps_rollup sums them over its VMAs in one
     * {@code struct mem_size_stats} ({@code show_smaps_rollup()}; the vsyscall page is no VMA of it).
     *
     * @throws SyscallException ESRCH if {@code pid} is no process (a kernel thread has no address space)
     */
    MemSizeStats smapsRollup(int pid);

    /** Overcommit accounting and its tunables. */
    Overcommit overcommit();

    /** The limits fork checks: kernel.pid_max and kernel.threads-max. */
    TaskLimits limits();

    /** The NUMA memory policies of the processes and their mappings. */
    MemoryPolicies mempolicies();

    /**
     * The frame that backs {@code vaddr} in {@code pid}, without touching it (/proc/PID/pagemap's PFN field), or -1
     * if no page is present there.
     */
    long pagemap(int pid, long vaddr);

    /**
     * The frame an access of {@code type} to {@code vaddr} by {@code pid} on {@code cpu} would reach now, or -1 where
     * it would fault: through a translation that CPU's TLBs hold for the address space, else through its page tables.
     * Unlike {@link #access} it changes nothing (no fault, no TLB fill or reordering, no Accessed or Dirty bit, no
     * counter), so that a check can look without disturbing what it looks at; unlike {@link #pagemap} it sees what the
     * TLBs still hold.
     */
    long translation(int pid, int cpu, long vaddr, AccessType type);


    /** The pid of the task running on the current CPU: the one a fault or allocation is for; 0 if none. */
    int current();

    /** The current CPU: the one {@link #switchTo} last chose ({@code smp_processor_id()}). */
    int currentCpu();

    /** Processes created since boot, init included ({@code total_forks}, /proc/stat's {@code processes}). */
    long forks();

    /** The translation statistics of one CPU. */
    TlbStats tlbStats(int cpu);
}
