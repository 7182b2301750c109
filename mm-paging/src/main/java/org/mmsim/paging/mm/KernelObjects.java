package org.mmsim.paging.mm;

import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.physical.Gfp;

/**
 * The slab objects a process costs the kernel, from the caches the kernel creates at boot: a {@code task_struct}
 * per task ({@code dup_task_struct()}), an {@code mm_struct} per address space ({@code mm_alloc()}) and a
 * {@code vm_area_struct} per VMA ({@code vm_area_alloc()}), all GFP_KERNEL (accounted to the memory cgroup in
 * Linux). So /proc/slabinfo of a busy scenario grows and shrinks as a real machine's does.
 */
final class KernelObjects {
    private final SlabAllocator slab;
    private final int taskCache;
    private final int mmCache;
    private final int vmaCache;

    KernelObjects(SlabAllocator slab) {
        this.slab = slab;
        this.taskCache = slab.findCache("task_struct");
        this.mmCache = slab.findCache("mm_struct");
        this.vmaCache = slab.findCache("vm_area_struct");
    }

    /** A task_struct, or 0 if no slab could be allocated. */
    long allocTask() {
        return slab.kmemCacheAlloc(taskCache, Gfp.GFP_KERNEL);
    }

    void freeTask(long object) {
        free(taskCache, object);
    }

    /** An mm_struct, or 0. */
    long allocMm() {
        return slab.kmemCacheAlloc(mmCache, Gfp.GFP_KERNEL);
    }

    void freeMm(long object) {
        free(mmCache, object);
    }

    /** A vm_area_struct, or 0. */
    long allocVma() {
        return slab.kmemCacheAlloc(vmaCache, Gfp.GFP_KERNEL);
    }

    void freeVma(long object) {
        free(vmaCache, object);
    }

    private void free(int cache, long object) {
        if (object != 0) {
            slab.kmemCacheFree(cache, object);
        }
    }
}
