package org.mmsim.api.kernel;

/**
 * What the kernel allocates between {@code mm_core_init()} and the start of user space, as {@code start_kernel()}
 * and the initcalls leave it on a 6.18 machine: the large hash tables the buddy allocator (or, on a machine of several
 * nodes, vmalloc) holds, the boot's slab objects and the vmalloc'd areas. The composition runs it once, when the
 * layers are up and before init starts.
 */
public interface BootAllocations {
    /**
     * Makes the boot's allocations.
     *
     * @throws IllegalArgumentException if they do not fit in the machine's memory, naming what did not fit
     */
    void allocate();
}
