package org.mmsim.paging.mmu;

import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;
import org.mmsim.paging.tlb.Asids;
import org.mmsim.paging.tlb.CpuTlbs;
import org.mmsim.paging.tlb.TlbArray;
import org.mmsim.paging.tlb.TlbConfig;

/**
 * The x86 MMU of every CPU (Intel SDM vol. 3A ch. 4): a translation looks in the CPU's TLBs, walks the page tables
 * on a miss (counting the entries it reads), checks the entry's permissions, sets Accessed (and Dirty on a write) as
 * the hardware does, fills the TLBs, and reports a fault when the entry is not present or forbids the access. A TLB
 * entry caches the page-table entry, Dirty bit included, so the first write through a clean cached entry walks again
 * to set Dirty. An address space is named by its {@code ctx_id}; on each CPU its TLB entries are tagged with the PCID of
 * the dynamic ASID it holds there ({@link Asids}); without PCIDs a context switch flushes them.
 * The 4 MiB pages of i386 two-level paging are cached as the 2 MiB half an access falls in, as CPUs with 2M/4M TLB
 * arrays may split them (SDM §4.10.2.3).
 */
public final class Mmu {
    /** The entry is not present: a page fault. */
    public static final long NOT_PRESENT = -1;
    /** The entry forbids the access (a write to a read-only page, a fetch from a no-execute page): a page fault. */
    public static final long PROTECTION = -2;

    private static final int FOUR_MEG_SHIFT = 22;
    private final CpuTlbs[] tlbs;
    private final Asids asids;
    private final boolean pcidEnabled;
    // A probe walks with its own: the walk a caller handed to translate(), which a fault starts from, stays put.
    private final Walk probeWalk = new Walk();
    private final long[] walks;
    private final long[] walkSteps;
    private final long[] invalidations;
    private final long[] shootdowns;

    public Mmu(int cpus, TlbConfig config, boolean pcidEnabled) {
        tlbs = new CpuTlbs[cpus];
        for (int c = 0; c < cpus; c++) {
            tlbs[c] = new CpuTlbs(config);
        }
        asids = new Asids(tlbs);
        this.pcidEnabled = pcidEnabled;
        walks = new long[cpus];
        walkSteps = new long[cpus];
        invalidations = new long[cpus];
        shootdowns = new long[cpus];
    }

    /**
     * Translates {@code vaddr} for an access on {@code cpu} by the address space {@code ctx}.
     *
     * @param walk where a walk after a TLB miss ends; on a fault it points at the entry that faulted, so that the
     *     fault handler starts from it rather than walking again
     * @return the pfn of the 4 KiB page, or {@link #NOT_PRESENT} or {@link #PROTECTION}
     */
    public long translate(AddressSpaceTables tables, int ctx, long vaddr, AccessType type, int cpu, Walk walk) {
        boolean instruction = type == AccessType.EXECUTE;
        CpuTlbs tlb = tlbs[cpu];
        int pcid = asids.pcid(cpu, ctx);
        long cached = tlb.lookup(vaddr, pcid, instruction);
        if (cached != TlbArray.MISS && allows(cached, type) && (type != AccessType.WRITE || (cached & Pte.DIRTY) != 0)) {
            return pfnFor(cached, vaddr, tlbShiftOf(cached));
        }
        walks[cpu]++;
        long entry = tables.walk(vaddr, walk);
        walkSteps[cpu] += walk.steps;
        if ((entry & Pte.PRESENT) == 0) {
            return NOT_PRESENT;
        }
        if (!allows(entry, type)) {
            return PROTECTION;
        }
        long updated = entry | Pte.ACCESSED | (type == AccessType.WRITE ? Pte.DIRTY : 0);
        if (updated != entry) {
            tables.set(walk, updated);
        }
        long pfn = pfnFor(updated, vaddr, walk.shift);
        int shift = walk.shift;
        long cachedEntry = updated;
        if (shift == FOUR_MEG_SHIFT) {
            shift = CpuTlbs.PMD_SHIFT;
            cachedEntry = (updated & ~Pte.PFN_MASK) | ((pfn & -(1L << (shift - 12))) << 12);
        }
        tlb.fill(vaddr, pcid, instruction, shift, (updated & Pte.GLOBAL) != 0, cachedEntry | ((long) shift << 52));
        return pfn;
    }

    /**
     * What {@link #translate} would return now, without changing anything: the TLBs are only looked at (no
     * recency, no fill, no count), and the page tables are walked without setting Accessed or Dirty.
     *
     * @return the pfn of the 4 KiB page, or {@link #NOT_PRESENT} or {@link #PROTECTION}
     */
    public long probe(AddressSpaceTables tables, int ctx, long vaddr, AccessType type, int cpu) {
        int pcid = asids.peek(cpu, ctx);
        long cached = pcid < 0 ? TlbArray.MISS : tlbs[cpu].probe(vaddr, pcid, type == AccessType.EXECUTE);
        if (cached != TlbArray.MISS && allows(cached, type) && (type != AccessType.WRITE || (cached & Pte.DIRTY) != 0)) {
            return pfnFor(cached, vaddr, tlbShiftOf(cached));
        }
        long entry = tables.walk(vaddr, probeWalk);
        if ((entry & Pte.PRESENT) == 0) {
            return NOT_PRESENT;
        }
        return allows(entry, type) ? pfnFor(entry, vaddr, probeWalk.shift) : PROTECTION;
    }

    private static boolean allows(long entry, AccessType type) {
        // If-chains rather than a switch: an enum switch reads a lookup table on every translation.
        if ((entry & Pte.USER) == 0) {
            return false;
        }
        if (type == AccessType.WRITE) {
            return (entry & Pte.RW) != 0;
        }
        return type != AccessType.EXECUTE || (entry & Pte.NX) == 0;
    }

    /** The page size a TLB payload was filled with: kept in bits 52-57, which no PTE uses on a user page. */
    private static int tlbShiftOf(long payload) {
        return (int) ((payload >>> 52) & 0x3f);
    }

    private static long pfnFor(long entry, long vaddr, int shift) {
        long base = PageTables.pfnOf(entry & ~(0x3fL << 52));
        return base + ((vaddr >>> 12) & ((1L << (shift - 12)) - 1));
    }

    /**
     * A context switch on {@code cpu} to the address space {@code ctx} ({@code switch_mm_irqs_off()}): it gets its
     * ASID there; a flush without PCIDs.
     */
    public void switchTo(int cpu, int ctx) {
        tlbs[cpu].switchTo(asids.pcid(cpu, ctx), pcidEnabled);
    }

    /** {@link #invalidate(long, int, int, long, int)} of a 4 KiB page. */
    public void invalidate(long cpuMask, int cpu, int ctx, long vaddr) {
        invalidate(cpuMask, cpu, ctx, vaddr, CpuTlbs.PAGE_SHIFT);
    }

    /**
     * Invalidates one page's translation on every CPU in {@code cpuMask}: INVLPG on {@code cpu}, a shootdown IPI on
     * the others ({@code flush_tlb_mm_range()}). For a 4 MiB page both of its cached halves go. A CPU where the address
     * space holds no ASID any more holds none of its entries.
     */
    public void invalidate(long cpuMask, int cpu, int ctx, long vaddr, int pageShift) {
        for (int c = 0; c < tlbs.length; c++) {
            if ((cpuMask & (1L << c)) != 0) {
                int pcid = asids.peek(c, ctx);
                if (pcid >= 0) {
                    tlbs[c].invalidatePage(vaddr, pcid);
                    if (pageShift == FOUR_MEG_SHIFT) {
                        tlbs[c].invalidatePage(vaddr ^ (1L << CpuTlbs.PMD_SHIFT), pcid);
                    }
                }
                invalidations[c]++;
                if (c != cpu) {
                    shootdowns[c]++;
                }
            }
        }
    }

    /** Drops every translation of an address space from the CPUs in {@code cpuMask} ({@code flush_tlb_mm()}). */
    public void flushMm(long cpuMask, int ctx) {
        for (int c = 0; c < tlbs.length; c++) {
            int pcid = asids.peek(c, ctx);
            if ((cpuMask & (1L << c)) != 0 && pcid >= 0) {
                tlbs[c].invalidatePcid(pcid);
            }
        }
    }

    /** The address space {@code ctx} is gone: its entries leave every CPU and its ASIDs are free. */
    public void destroyContext(int ctx) {
        asids.release(ctx);
    }

    /** What {@code cpu} counted. */
    public TlbStats stats(int cpu) {
        CpuTlbs t = tlbs[cpu];
        return new TlbStats(t.l1Hits(false), t.stlbHits(false), t.misses(false), t.l1Hits(true), t.stlbHits(true),
                t.misses(true), walks[cpu], walkSteps[cpu], t.flushes(), invalidations[cpu], shootdowns[cpu]);
    }

    /** The number of CPUs. */
    public int cpus() {
        return tlbs.length;
    }
}
