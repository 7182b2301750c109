package org.mmsim.paging.tlb;

/**
 * The dynamic ASIDs of every CPU (arch/x86/mm/tlb.c): a CPU tags TLB entries with one of {@link #TLB_NR_DYN_ASIDS}
 * slots, each remembering the address space (its {@code ctx_id}, never reused) whose entries it holds; the PCID is
 * the slot plus one ({@code kern_pcid()}; PCID 0 is the kernel's). {@code choose_new_asid()}: the slot that holds
 * the address space already, else a free one, else the next slot round-robin, whose entries are flushed first. So
 * any number of address spaces can run, and at most six a CPU keep their entries across switches, as in Linux.
 *
 * <p>The last address space each CPU looked up is remembered, so a translation, which comes in long runs from one
 * address space, reads two ints. Nothing here allocates after construction.
 */
public final class Asids {
    /** {@code TLB_NR_DYN_ASIDS}: the ASIDs a CPU hands out to address spaces. */
    public static final int TLB_NR_DYN_ASIDS = 6;

    private final CpuTlbs[] tlbs;
    // cpu * TLB_NR_DYN_ASIDS + slot: the ctx_id the slot tags, 0 for none.
    private final int[] owners;
    private final int[] nextAsid;
    private final int[] lastCtx;
    private final int[] lastPcid;

    /** @param tlbs the CPUs' TLBs, which a slot handed to another address space is flushed from */
    public Asids(CpuTlbs[] tlbs) {
        this.tlbs = tlbs;
        owners = new int[tlbs.length * TLB_NR_DYN_ASIDS];
        nextAsid = new int[tlbs.length];
        lastCtx = new int[tlbs.length];
        lastPcid = new int[tlbs.length];
    }

    /** The PCID address space {@code ctx} runs under on {@code cpu}, given a slot if it has none there. */
    public int pcid(int cpu, int ctx) {
        if (lastCtx[cpu] == ctx) {
            return lastPcid[cpu];
        }
        return choose(cpu, ctx);
    }

    private int choose(int cpu, int ctx) {
        int base = cpu * TLB_NR_DYN_ASIDS;
        int slot = find(cpu, ctx);
        if (slot < 0) {
            slot = freeSlot(base);
            if (slot < 0) {
                // Every slot tags a live address space: take the next one round-robin and flush what it tagged.
                slot = nextAsid[cpu];
                nextAsid[cpu] = (slot + 1) % TLB_NR_DYN_ASIDS;
                tlbs[cpu].invalidatePcid(slot + 1);
            }
            owners[base + slot] = ctx;
        }
        lastCtx[cpu] = ctx;
        lastPcid[cpu] = slot + 1;
        return slot + 1;
    }

    private int freeSlot(int base) {
        for (int i = 0; i < TLB_NR_DYN_ASIDS; i++) {
            if (owners[base + i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The slot of {@code ctx} on {@code cpu}, or -1. */
    private int find(int cpu, int ctx) {
        int base = cpu * TLB_NR_DYN_ASIDS;
        for (int i = 0; i < TLB_NR_DYN_ASIDS; i++) {
            if (owners[base + i] == ctx) {
                return i;
            }
        }
        return -1;
    }

    /** The PCID of {@code ctx} on {@code cpu} if it has a slot there, or -1: the CPU holds none of its entries. */
    public int peek(int cpu, int ctx) {
        int slot = find(cpu, ctx);
        return slot < 0 ? -1 : slot + 1;
    }

    /**
     * The address space is gone ({@code destroy_context()}): its entries are flushed from every CPU that holds a
     * slot for it, and the slots are free.
     */
    public void release(int ctx) {
        for (int cpu = 0; cpu < tlbs.length; cpu++) {
            int slot = find(cpu, ctx);
            if (slot >= 0) {
                tlbs[cpu].invalidatePcid(slot + 1);
                owners[cpu * TLB_NR_DYN_ASIDS + slot] = 0;
            }
            if (lastCtx[cpu] == ctx) {
                lastCtx[cpu] = 0;
            }
        }
    }
}
