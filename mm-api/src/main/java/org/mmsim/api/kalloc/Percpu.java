package org.mmsim.api.kalloc;

/**
 * The per-CPU allocator's chunks (mm/percpu.c, mm/percpu-vm.c): the first chunk embedded at boot, and the dynamic
 * chunks {@code pcpu_create_chunk()} makes once it is full, whose pages each unit (one a CPU) gets on demand.
 * /proc/meminfo's Percpu is {@link #nrPages()}.
 */
public interface Percpu {
    /**
     * {@code pcpu_nr_pages()}: the populated pages of every chunk, in every unit ({@code pcpu_nr_populated *
     * pcpu_nr_units}), the first chunk's whole units included.
     */
    long nrPages();

    /** The chunks besides the first. */
    int dynamicChunks();

    /**
     * Populates {@code pages} more pages of every unit in the dynamic chunks, from the first unpopulated page on,
     * creating chunks as they fill ({@code pcpu_balance_populated()}: {@code pcpu_create_chunk()},
     * {@code pcpu_populate_chunk()}); each possible CPU's unit takes order-0 unmovable pages of the page allocator.
     *
     * @return whether it did; without the memory nothing is left allocated and nothing changes
     * @throws IllegalArgumentException for a negative count
     */
    boolean populate(long pages);
}
