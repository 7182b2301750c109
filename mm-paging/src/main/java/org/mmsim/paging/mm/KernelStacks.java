package org.mmsim.paging.mm;

import org.mmsim.api.Arch;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskLimits;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * Each task's kernel stack, allocated at fork from vmalloc space as CONFIG_VMAP_STACK does ({@code alloc_thread_stack_node()}
 * in kernel/fork.c), so that an overflow hits the guard page: THREAD_SIZE is 16 KiB on x86-64 and 8 KiB on i386.
 * Counted in NR_KERNEL_STACK_KB (KernelStack in /proc/meminfo). A task has one stack, a thread of its own: the
 * stacks are as many as kernel.threads-max allows ({@code set_max_threads()}: an eighth of RAM in stacks, at least 20).
 */
public final class KernelStacks {
    /** How /proc/vmallocinfo names the allocation: the fork path, as a 6.18 kernel's symbol table places it. */
    static final String CALLER = "kernel_clone+0x94/0x3e0";
    private final Vmalloc vmalloc;
    private final VmStat vmstat;
    /** {@code MIN_THREADS} (kernel/fork.c). */
    private static final long MIN_THREADS = 20;
    private final int threadSize;
    private int maxThreads;
    private int threads;

    public KernelStacks(Vmalloc vmalloc, VmStat vmstat, Arch arch, long totalRamPages) {
        this.vmalloc = vmalloc;
        this.vmstat = vmstat;
        this.threadSize = arch == Arch.X86_64 ? 16 << 10 : 8 << 10;
        this.maxThreads = (int) Math.min(TaskLimits.MAX_THREADS,
                Math.max(MIN_THREADS, totalRamPages * 4096 / (threadSize * 8L)));
    }

    /**
     * Allocates a stack.
     *
     * @return its address
     * @throws SyscallException EAGAIN at threads-max ({@code copy_process()}), ENOMEM if vmalloc fails (fork then
     *     fails before it changes anything else)
     */
    long allocate() {
        if (threads >= maxThreads) {
            throw new SyscallException("EAGAIN", threads + " tasks, kernel.threads-max " + maxThreads);
        }
        return allocateAtBoot();
    }

    /**
     * Allocates the stack of a task the boot starts (init and the kernel threads), unchecked: the boot runs before
     * any write to kernel.threads-max, whose boot value is far above them, while this model starts them with the
     * first process.
     */
    long allocateAtBoot() {
        long stack = vmalloc.vmalloc(threadSize, CALLER);
        if (stack == Vmalloc.FAILED) {
            throw new SyscallException("ENOMEM", "no memory for a kernel stack");
        }
        vmstat.add(VmItem.NR_KERNEL_STACK, threadSize >> 10);
        threads++;
        return stack;
    }

    /** kernel.threads-max. */
    int maxThreads() {
        return maxThreads;
    }

    /** A write to kernel.threads-max, checked by the caller: tasks beyond it live on, fork fails until they go. */
    void setMaxThreads(int maxThreads) {
        this.maxThreads = maxThreads;
    }

    /** The stacks, one a task: {@code nr_threads}. */
    int threads() {
        return threads;
    }

    /** Frees a stack at exit ({@code free_thread_stack()}). */
    void free(long stack) {
        vmalloc.vfree(stack);
        vmstat.add(VmItem.NR_KERNEL_STACK, -(threadSize >> 10));
        threads--;
    }
}
