package org.mmsim.physical.memmap;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-CPU areas' first chunk as x86-64 embeds it at boot (mm/percpu.c: {@code pcpu_build_alloc_info()},
 * {@code pcpu_embed_first_chunk()}): each possible CPU gets a unit holding the kernel's static per-CPU variables and
 * a dynamic reserve, 57 pages on a 6.18 x86-64 kernel (its boot log: {@code percpu: Embedded 57 pages/cpu s202264
 * r0 d31208 u1048576}). The CPUs of a node form a group; a group is allocated from memblock, top-down above 16 MiB,
 * in 2 MiB atoms (PMD_SIZE) each holding {@code upa} units; then each unit's tail past its pages, and every unused
 * unit, is given back ({@code pcpu_fc_free()}). So 57 pages stay reserved at the start of each used unit, and
 * /proc/meminfo's Percpu ({@code pcpu_nr_pages()}) counts 57 pages for every unit, unused ones too.
 */
final class PercpuFirstChunk {
    /** A 6.18 x86-64 kernel's unit: static 202,264 bytes, no module reserve, 31,208 dynamic, page aligned. */
    static final long UNIT_PAGES = 57;
    /** {@code atom_size}: PMD_SIZE, in pages. */
    static final long ATOM_PAGES = 512;
    /** {@code MAX_DMA_ADDRESS}: the allocation is made above the first 16 MiB. */
    private static final long MIN_PFN = 4096;

    private final List<PfnRange> reserved;
    private final long units;

    private PercpuFirstChunk(List<PfnRange> reserved, long units) {
        this.reserved = reserved;
        this.units = units;
    }

    /**
     * The units per atom: from the most that fit down to one, skipping counts that do not divide the atom into whole
     * pages, or that waste more than a third of the CPUs in unused units; the last count before one that takes more
     * atoms wins.
     */
    static int unitsPerAlloc(int[] groupCpus) {
        int cpus = 0;
        for (int n : groupCpus) {
            cpus += n;
        }
        int best = 1;
        long lastAllocs = Long.MAX_VALUE;
        for (int upa = (int) (ATOM_PAGES / UNIT_PAGES); upa > 0; upa--) {
            if (ATOM_PAGES % upa != 0) {
                continue;
            }
            long allocs = 0;
            long wasted = 0;
            for (int n : groupCpus) {
                long these = (n + upa - 1) / upa;
                allocs += these;
                wasted += these * upa - n;
            }
            if (wasted > cpus / 3) {
                continue;
            }
            if (allocs > lastAllocs) {
                break;
            }
            lastAllocs = allocs;
            best = upa;
        }
        return best;
    }

    /**
     * Places the first chunk of {@code groupCpus[n]} CPUs on each node {@code n}, below the memblock reservations
     * already made there.
     */
    static PercpuFirstChunk place(int[] groupCpus, List<PfnRange> nodes, List<PfnRange> usable, List<PfnRange> taken) {
        int upa = unitsPerAlloc(groupCpus);
        long unitStride = ATOM_PAGES / upa;
        List<PfnRange> busy = new ArrayList<>(taken);
        List<PfnRange> kept = new ArrayList<>();
        long units = 0;
        for (int n = 0; n < groupCpus.length; n++) {
            for (int left = groupCpus[n]; left > 0; left -= upa) {
                long base = topDownAtom(usable, nodes.get(n), n, busy);
                busy.add(new PfnRange(base, base + ATOM_PAGES));
                for (int u = 0; u < Math.min(upa, left); u++) {
                    long start = base + u * unitStride;
                    kept.add(new PfnRange(start, start + UNIT_PAGES));
                }
                units += upa;
            }
        }
        return new PercpuFirstChunk(kept, units);
    }

    /**
     * The highest free, atom-aligned atom of RAM on {@code node} above 16 MiB, or below it if there is none there
     * ({@code memblock_alloc_internal()} retries without its lower limit).
     */
    private static long topDownAtom(List<PfnRange> usable, PfnRange node, int index, List<PfnRange> busy) {
        for (long min : new long[] {MIN_PFN, 0}) {
            for (int i = usable.size() - 1; i >= 0; i--) {
                PfnRange ram = usable.get(i).intersect(Math.max(node.start(), min), node.end());
                for (long base = ram.end() / ATOM_PAGES * ATOM_PAGES - ATOM_PAGES; base >= ram.start(); base -= ATOM_PAGES) {
                    if (free(busy, base, base + ATOM_PAGES)) {
                        return base;
                    }
                }
            }
        }
        throw new IllegalArgumentException("the per-CPU areas of the CPUs of node " + index + " (" + UNIT_PAGES * 4
                + " KiB each, in 2 MiB blocks) do not fit in its RAM; expected more RAM or fewer CPUs");
    }

    private static boolean free(List<PfnRange> busy, long start, long end) {
        for (PfnRange r : busy) {
            if (r.start() < end && start < r.end()) {
                return false;
            }
        }
        return true;
    }

    /** The units' pages, which stay reserved. */
    List<PfnRange> reserved() {
        return reserved;
    }

    /** {@code pcpu_nr_pages()} for the first chunk: its pages in every unit. */
    long pages() {
        return units * UNIT_PAGES;
    }
}
