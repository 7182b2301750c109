package org.mmsim.kalloc.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.Percpu;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.kernel.BootAllocations;
import org.mmsim.api.kernel.SystemHash;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PhysicalMemory;

/**
 * The allocations a 6.18 boot makes once the buddy allocator is up, before init runs: the large hash tables that are
 * not memblock's ({@code alloc_large_system_hash()} in mm/mm_init.c: {@code alloc_pages_exact()} on a machine of one
 * node, vmalloc when {@code hashdist} spreads them over several), the slab objects of the boot's caches
 * (boot-slab.tsv) and its vmalloc'd areas (boot-vmalloc.tsv), each table read from a real 6.18 machine, and the
 * pages of the dynamic per-CPU chunk its per-CPU allocations populate.
 *
 * <p>The slab objects, vmalloc'd pages and per-CPU pages are a real 24 GiB machine's; a machine of less than 2 GiB gets its share
 * of them in proportion to its RAM (a small machine runs a smaller system: fewer devices, fewer files read at boot),
 * so a 64 MiB machine still boots with room for its programs. The hash tables follow the kernel's own formula.
 */
public final class KernelBoot implements BootAllocations {
    /** The RAM from which a machine has the whole of the boot's objects and areas. */
    private static final long FULL_SHARE_PAGES = (2L << 30) >> 12;
    /**
     * The pages a unit that the per-CPU allocations of a 6.18 boot (modules, cgroups, BPF maps) populate in the
     * dynamic chunk: the sample machine's Percpu, 952 kB with 2 units, less the first chunk's 57 pages a unit.
     */
    private static final long DYNAMIC_PERCPU_PAGES = 952 / 4 / 2 - 57;
    private static final String HASH_CALLER = "alloc_large_system_hash+0x16f/0x2b0";

    private final MachineConfig config;
    private final PhysicalMemory memory;
    private final PageAllocator pages;
    private final SlabAllocator slab;
    private final Vmalloc vmalloc;
    private final Percpu percpu;

    /** The boot of a machine of {@code config} whose layers are these. */
    public KernelBoot(MachineConfig config, PhysicalMemory memory, PageAllocator pages, SlabAllocator slab,
                      Vmalloc vmalloc, Percpu percpu) {
        this.percpu = percpu;
        this.config = config;
        this.memory = memory;
        this.pages = pages;
        this.slab = slab;
        this.vmalloc = vmalloc;
    }

    @Override
    public void allocate() {
        double share = Math.min(1.0, (double) memory.totalRamPages() / FULL_SHARE_PAGES);
        allocateHashes();
        allocateSlab(share);
        allocateVmalloc(share);
        if (!percpu.populate(Math.round(DYNAMIC_PERCPU_PAGES * share))) {
            throw noRoom("the per-CPU areas of the dynamic chunk");
        }
    }

    private void allocateHashes() {
        boolean hashdist = config.nodes() > 1;
        for (SystemHash hash : SystemHash.BOOT) {
            if (hash.early() && !hashdist) {
                continue;
            }
            long bytes = hash.bytes(memory.kernelPages(), config.cpus());
            if (hashdist) {
                if (vmalloc.vmalloc(bytes, HASH_CALLER) == Vmalloc.FAILED) {
                    throw noRoom("the " + hash.name() + " hash table (" + (bytes >> 10) + " KiB)");
                }
            } else {
                allocPagesExact(bytes, hash.name());
            }
        }
    }

    /** {@code alloc_pages_exact()} (mm/page_alloc.c): a block of the order that holds it, its tail pages freed. */
    private void allocPagesExact(long bytes, String what) {
        long needed = (bytes + 4095) >> 12;
        int order = 64 - Long.numberOfLeadingZeros(needed - 1);
        long pfn = pages.allocPages(Gfp.GFP_KERNEL, order);
        if (pfn == PageAllocator.NO_PAGE) {
            throw noRoom("the " + what + " hash table (" + (bytes >> 10) + " KiB)");
        }
        if (needed < (1L << order)) {
            pages.splitPage(pfn, order);
            for (long p = pfn + needed; p < pfn + (1L << order); p++) {
                pages.freePages(p, 0);
            }
        }
    }

    private void allocateSlab(double share) {
        for (String[] row : table("boot-slab.tsv")) {
            String name = row[0];
            int size = Integer.parseInt(row[1]);
            long objects = Math.round(Long.parseLong(row[2]) * share);
            boolean reclaimable = row[3].equals("R");
            if (name.startsWith("kmalloc-")) {
                int gfp = name.startsWith("kmalloc-cg-") ? Gfp.GFP_KERNEL_ACCOUNT
                        : reclaimable ? Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE : Gfp.GFP_KERNEL;
                for (long i = 0; i < objects; i++) {
                    checked(slab.kmalloc(size, gfp), name);
                }
            } else {
                int cache = slab.findCache(name);
                if (cache < 0) {
                    // A cache the model does nothing else with: its geometry follows from its slot as the sample's.
                    cache = slab.kmemCacheCreate(name, size, 8,
                            SlabFlags.SLAB_NO_MERGE | (reclaimable ? SlabFlags.SLAB_RECLAIM_ACCOUNT : 0));
                }
                for (long i = 0; i < objects; i++) {
                    checked(slab.kmemCacheAlloc(cache, Gfp.GFP_KERNEL), name);
                }
            }
        }
    }

    private void allocateVmalloc(double share) {
        for (String[] row : table("boot-vmalloc.tsv")) {
            long areaPages = Math.max(1, Math.round(Long.parseLong(row[1]) * share));
            int areas = row[2].equals("cpu") ? config.cpus() - 1 : Integer.parseInt(row[2]);
            for (int i = 0; i < areas; i++) {
                if (vmalloc.vmalloc(areaPages << 12, row[0]) == Vmalloc.FAILED) {
                    throw noRoom("the vmalloc'd areas of " + row[0].substring(0, row[0].indexOf('+')));
                }
            }
        }
    }

    private void checked(long object, String cache) {
        if (object == 0) {
            throw noRoom("the boot's " + cache + " objects");
        }
    }

    private IllegalArgumentException noRoom(String what) {
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "ram %d MiB: no room for %s at boot; expected more ram", config.ramBytes() >> 20, what));
    }

    /** The rows of a boot table: tab-separated columns, # comments. */
    private static List<String[]> table(String name) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = KernelBoot.class.getResourceAsStream(name);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
