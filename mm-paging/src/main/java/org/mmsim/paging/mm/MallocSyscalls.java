package org.mmsim.paging.mm;

import org.mmsim.api.paging.Prot;
import org.mmsim.paging.glibc.Malloc;

/**
 * The system calls glibc's malloc makes for one task ({@code MORECORE}, brk(2), and the mmap(2) and munmap(2) of
 * its large chunks in glibc's malloc/malloc.c), made through the kernel's {@link Mmap} on the task's CPU.
 */
final class MallocSyscalls implements Malloc.Kernel {
    private final Mmap mmap;
    private final Task task;
    private final int cpu;

    MallocSyscalls(Mmap mmap, Task task, int cpu) {
        this.mmap = mmap;
        this.task = task;
        this.cpu = cpu;
    }

    @Override
    public long brk(long newBrk) {
        return mmap.brk(task, newBrk, cpu);
    }

    @Override
    public long mmap(long length) {
        return mmap.mmap(task, 0, length, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null,
                0, null, cpu);
    }

    @Override
    public void munmap(long addr, long length) {
        mmap.munmap(task, addr, length, cpu);
    }
}
