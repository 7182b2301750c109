package org.mmsim.paging.tlb;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * The translation caches of one CPU (Intel SDM vol. 3A §4.10.2), shaped by a {@link TlbConfig}: first-level arrays
 * per access kind (data, instruction) and page size, a second-level STLB for 4 KiB and 2 MiB pages shared by both
 * kinds, and a second-level array for 1 GiB pages.
 *
 * <p>A {@linkplain #lookup lookup} probes the L1 arrays of its kind for each page size, smallest first, then the
 * second level. The hardware probes all sizes at once and does not know a page's size before it hits; when sizes
 * overlap (a 4 KiB and a 2 MiB translation of one address) it may use either (§4.10.2.3), and so may this model.
 * The per-array hit and miss counts therefore count probes: a 2 MiB hit is also a 4 KiB miss.
 *
 * <p>The levels are neither inclusive nor exclusive: a page walk {@linkplain #fill fills} both the L1 array of its
 * kind and size and the second level; a second-level hit refills the L1 array of its kind and size (an instruction
 * fetch from a 1 GiB page has no L1 array by default and is served from the second level every time); an eviction
 * at either level leaves the other alone. A fill also drops any older copy of the translation from the other kind's
 * L1 array, so every copy in the CPU is the latest walk's.
 *
 * <p>The STLB holds both of its page sizes in one array, as Skylake's does: an entry is indexed by its VPN at its
 * own page size, so the sizes compete for the same sets and ways, and a lookup probes the set of each size. A 2 MiB
 * entry's key is its VPN with bit 56 flipped: bits 51 to 63 of a 4 KiB VPN (an address shifted right by 12) are all
 * copies of the sign, those of a flipped 2 MiB VPN are not, so the two sizes never match each other's entries.
 *
 * <p>PCIDs: with PCIDs enabled, Linux keeps a CPU's TLB entries across context switches (arch/x86/mm/tlb.c,
 * {@code switch_mm_irqs_off()}): each address space runs under its own tag, so {@link #switchTo} with PCIDs flushes
 * nothing. Linux has only a few dynamic ASIDs per CPU ({@code TLB_NR_DYN_ASIDS}) and flushes one when it hands it to
 * another address space: {@link Asids} does that recycling and calls {@link #invalidatePcid} before a PCID tags
 * another address space.
 *
 * <p>Lookups and fills allocate nothing; every counter is a field. Not thread-safe: the caches belong to one CPU.
 */
public final class CpuTlbs {
    /** log2 of the 4 KiB base page size ({@code PAGE_SHIFT}). */
    public static final int PAGE_SHIFT = 12;
    /** log2 of the 2 MiB page a PMD entry maps ({@code PMD_SHIFT}). */
    public static final int PMD_SHIFT = 21;
    /** log2 of the 1 GiB page a PUD entry maps ({@code PUD_SHIFT}). */
    public static final int PUD_SHIFT = 30;

    private static final long STLB_2M_TAG = 1L << 56;
    private static final int DATA = 0;
    private static final int INSTRUCTION = 1;
    private static final int L1_HITS = 0;
    private static final int STLB_HITS = 2;
    private static final int MISSES = 4;

    private final TlbArray data4k;
    private final TlbArray data2m;
    private final TlbArray data1g;
    private final TlbArray instruction4k;
    private final TlbArray instruction2m;
    private final TlbArray instruction1g;
    private final TlbArray stlb;
    private final TlbArray l2Huge;
    private final TlbArray[] all;
    // Indexed by L1_HITS, STLB_HITS or MISSES plus DATA or INSTRUCTION.
    private final long[] counts = new long[6];
    private long switches;
    private long flushes;
    private int pcid;

    /** @param config the arrays this CPU has */
    public CpuTlbs(TlbConfig config) {
        data4k = array(config.l1Data4k());
        data2m = array(config.l1Data2m());
        data1g = array(config.l1Data1g());
        instruction4k = array(config.l1Instruction4k());
        instruction2m = array(config.l1Instruction2m());
        instruction1g = array(config.l1Instruction1g());
        stlb = array(config.stlb());
        l2Huge = array(config.l2Huge1g());
        all = Stream.of(data4k, data2m, data1g, instruction4k, instruction2m, instruction1g, stlb, l2Huge)
                .filter(Objects::nonNull).toArray(TlbArray[]::new);
    }

    private static TlbArray array(TlbConfig.Geometry geometry) {
        return geometry.present() ? new TlbArray(geometry.entries(), geometry.ways()) : null;
    }

    /**
     * Translates an address if a TLB holds it, counting at which level it hit ({@link #l1Hits}, {@link #stlbHits})
     * or that it missed ({@link #misses}).
     *
     * @param vaddr the virtual address
     * @param pcid the PCID the CPU runs under, 0 to {@link TlbArray#MAX_PCID}
     * @param instruction whether this is an instruction fetch (iTLB) rather than a data access (dTLB)
     * @return the payload of the translation, or {@link TlbArray#MISS}
     */
    public long lookup(long vaddr, int pcid, boolean instruction) {
        TlbArray small = instruction ? instruction4k : data4k;
        if (small != null) {
            long payload = small.lookup(vaddr >> PAGE_SHIFT, pcid);
            if (payload != TlbArray.MISS) {
                counts[L1_HITS + (instruction ? INSTRUCTION : DATA)]++;
                return payload;
            }
        }
        return lookupPastSmallL1(vaddr, pcid, instruction);
    }

    /**
     * The rest of a lookup: the L1 arrays of the larger pages, then the second level. Kept out of {@link #lookup} so
     * that the JIT inlines the common case, a 4 KiB L1 hit, into its caller.
     */
    private long lookupPastSmallL1(long vaddr, int pcid, boolean instruction) {
        int kind = instruction ? INSTRUCTION : DATA;
        long vpn2m = vaddr >> PMD_SHIFT;
        TlbArray large = instruction ? instruction2m : data2m;
        long payload;
        if (large != null && (payload = large.lookup(vpn2m, pcid)) != TlbArray.MISS) {
            counts[L1_HITS + kind]++;
            return payload;
        }
        long vpn1g = vaddr >> PUD_SHIFT;
        TlbArray huge = instruction ? instruction1g : data1g;
        if (huge != null && (payload = huge.lookup(vpn1g, pcid)) != TlbArray.MISS) {
            counts[L1_HITS + kind]++;
            return payload;
        }
        int way;
        if (stlb != null) {
            long vpn4k = vaddr >> PAGE_SHIFT;
            if ((way = stlb.lookupWay(vpn4k, pcid)) >= 0) {
                return refill(instruction ? instruction4k : data4k, vpn4k, pcid, stlb, way, kind);
            }
            if ((way = stlb.lookupWay(vpn2m ^ STLB_2M_TAG, pcid)) >= 0) {
                return refill(large, vpn2m, pcid, stlb, way, kind);
            }
        }
        if (l2Huge != null && (way = l2Huge.lookupWay(vpn1g, pcid)) >= 0) {
            return refill(huge, vpn1g, pcid, l2Huge, way, kind);
        }
        counts[MISSES + kind]++;
        return TlbArray.MISS;
    }

    /**
     * {@link #lookup} that changes nothing: no entry's recency, no refill of the first level from the second, no
     * count. It sees what a lookup would return, for a check that must not disturb what it looks at.
     */
    public long probe(long vaddr, int pcid, boolean instruction) {
        long vpn4k = vaddr >> PAGE_SHIFT;
        long vpn2m = vaddr >> PMD_SHIFT;
        long vpn1g = vaddr >> PUD_SHIFT;
        long payload;
        if ((payload = peek(instruction ? instruction4k : data4k, vpn4k, pcid)) != TlbArray.MISS
                || (payload = peek(instruction ? instruction2m : data2m, vpn2m, pcid)) != TlbArray.MISS
                || (payload = peek(instruction ? instruction1g : data1g, vpn1g, pcid)) != TlbArray.MISS
                || (payload = peek(stlb, vpn4k, pcid)) != TlbArray.MISS
                || (payload = peek(stlb, vpn2m ^ STLB_2M_TAG, pcid)) != TlbArray.MISS) {
            return payload;
        }
        return peek(l2Huge, vpn1g, pcid);
    }

    private static long peek(TlbArray array, long vpn, int pcid) {
        return array == null ? TlbArray.MISS : array.peek(vpn, pcid);
    }

    /** Copies a second-level hit into the L1 array of its kind and size, if the CPU has one. */
    private long refill(TlbArray l1, long vpn, int pcid, TlbArray from, int way, int kind) {
        long payload = from.payload(way);
        if (l1 != null) {
            l1.insert(vpn, pcid, from.global(way), payload);
        }
        counts[STLB_HITS + kind]++;
        return payload;
    }

    /**
     * Caches the result of a page walk in the L1 array of its kind and page size and in the second level (the STLB
     * for 4 KiB and 2 MiB pages, the 1 GiB array for 1 GiB pages), and drops the other kind's L1 copy of it.
     *
     * @param vaddr any address in the page
     * @param pcid the PCID the walk ran under, 0 to {@link TlbArray#MAX_PCID}
     * @param instruction whether an instruction fetch walked
     * @param pageShift the page size the walk found: {@link #PAGE_SHIFT}, {@link #PMD_SHIFT} or {@link #PUD_SHIFT}
     * @param global whether the leaf entry has the G bit
     * @param payload the caller's packed translation; anything but {@link TlbArray#MISS}
     */
    public void fill(long vaddr, int pcid, boolean instruction, int pageShift, boolean global, long payload) {
        if ((pcid & ~TlbArray.MAX_PCID) != 0 || payload == TlbArray.MISS) {
            throw new IllegalArgumentException("pcid " + pcid + ", payload " + payload + "; expected a pcid from 0 to "
                    + TlbArray.MAX_PCID + " and a payload other than TlbArray.MISS");
        }
        TlbArray l1 = l1(instruction, pageShift);
        TlbArray otherL1 = l1(!instruction, pageShift);
        long vpn = vaddr >> pageShift;
        if (l1 != null) {
            l1.insert(vpn, pcid, global, payload);
        }
        if (otherL1 != null) {
            otherL1.invalidateOverlapping(vpn, pcid, global);
        }
        TlbArray l2 = l2(pageShift);
        if (l2 != null) {
            l2.insert(pageShift == PMD_SHIFT ? vpn ^ STLB_2M_TAG : vpn, pcid, global, payload);
        }
    }

    /**
     * INVLPG of {@code vaddr} (§4.10.4.1) in every array: the instruction does not say the page's size, so the
     * entries of the 4 KiB, 2 MiB and 1 GiB pages containing {@code vaddr} go, those tagged {@code pcid} and global
     * ones.
     */
    public void invalidatePage(long vaddr, int pcid) {
        long vpn4k = vaddr >> PAGE_SHIFT;
        long vpn2m = vaddr >> PMD_SHIFT;
        long vpn1g = vaddr >> PUD_SHIFT;
        invalidate(data4k, vpn4k, pcid);
        invalidate(instruction4k, vpn4k, pcid);
        invalidate(data2m, vpn2m, pcid);
        invalidate(instruction2m, vpn2m, pcid);
        invalidate(data1g, vpn1g, pcid);
        invalidate(instruction1g, vpn1g, pcid);
        invalidate(stlb, vpn4k, pcid);
        invalidate(stlb, vpn2m ^ STLB_2M_TAG, pcid);
        invalidate(l2Huge, vpn1g, pcid);
    }

    private static void invalidate(TlbArray array, long vpn, int pcid) {
        if (array != null) {
            array.invalidatePage(vpn, pcid);
        }
    }

    /** INVPCID single-context (§4.10.4.1) in every array: drops the non-global entries tagged {@code pcid}. */
    public void invalidatePcid(int pcid) {
        for (TlbArray a : all) {
            a.invalidatePcid(pcid);
        }
    }

    /** A MOV to CR3 with PCIDs off (§4.10.4.1) in every array: drops every non-global entry. Counts a flush. */
    public void flushNonGlobal() {
        flushes++;
        for (TlbArray a : all) {
            a.flushNonGlobal();
        }
    }

    /** Toggling CR4.PGE (§4.10.4.1) in every array: drops every entry, global ones too. Counts a flush. */
    public void flushAll() {
        flushes++;
        for (TlbArray a : all) {
            a.flushAll();
        }
    }

    /**
     * A context switch: the MOV to CR3 that {@code switch_mm_irqs_off()} does. With PCIDs, the new address space's
     * entries are tagged apart from the others and nothing is flushed (CR3 bit 63, no-flush, set); without them,
     * every non-global entry goes (the textbook model, and Linux without PCID), and the CPU runs under PCID 0
     * (§4.10.1).
     *
     * @param pcid the PCID of the address space switched to, 0 to {@link TlbArray#MAX_PCID}
     * @param pcidEnabled whether CR4.PCIDE is set
     */
    public void switchTo(int pcid, boolean pcidEnabled) {
        if ((pcid & ~TlbArray.MAX_PCID) != 0) {
            throw new IllegalArgumentException("pcid " + pcid + "; expected 0 to " + TlbArray.MAX_PCID);
        }
        switches++;
        if (!pcidEnabled) {
            flushNonGlobal();
        }
        this.pcid = pcidEnabled ? pcid : 0;
    }

    /** The PCID the CPU runs under since the last {@link #switchTo}: 0 at boot and whenever PCIDs are off. */
    public int pcid() {
        return pcid;
    }

    /**
     * The first-level array for one access kind and page size.
     *
     * @param instruction the iTLB's array rather than the dTLB's
     * @param pageShift {@link #PAGE_SHIFT}, {@link #PMD_SHIFT} or {@link #PUD_SHIFT}
     * @return the array, or null if this CPU has none for that kind and size
     */
    public TlbArray l1(boolean instruction, int pageShift) {
        switch (pageShift) {
            case PAGE_SHIFT:
                return instruction ? instruction4k : data4k;
            case PMD_SHIFT:
                return instruction ? instruction2m : data2m;
            case PUD_SHIFT:
                return instruction ? instruction1g : data1g;
            default:
                throw badShift(pageShift);
        }
    }

    /**
     * The second-level array for one page size: the STLB for 4 KiB and 2 MiB pages, the 1 GiB array otherwise.
     *
     * @param pageShift {@link #PAGE_SHIFT}, {@link #PMD_SHIFT} or {@link #PUD_SHIFT}
     * @return the array, or null if this CPU has none for that size
     */
    public TlbArray l2(int pageShift) {
        switch (pageShift) {
            case PAGE_SHIFT:
            case PMD_SHIFT:
                return stlb;
            case PUD_SHIFT:
                return l2Huge;
            default:
                throw badShift(pageShift);
        }
    }

    private static IllegalArgumentException badShift(int pageShift) {
        return new IllegalArgumentException("page shift " + pageShift + "; expected " + PAGE_SHIFT + " (4K), "
                + PMD_SHIFT + " (2M) or " + PUD_SHIFT + " (1G)");
    }

    /** Lookups of one kind that hit in a first-level array. */
    public long l1Hits(boolean instruction) {
        return counts[L1_HITS + (instruction ? INSTRUCTION : DATA)];
    }

    /** Lookups of one kind that missed the first level and hit in the second (the STLB or the 1 GiB array). */
    public long stlbHits(boolean instruction) {
        return counts[STLB_HITS + (instruction ? INSTRUCTION : DATA)];
    }

    /** Lookups of one kind that missed every level: each costs the caller a page walk. */
    public long misses(boolean instruction) {
        return counts[MISSES + (instruction ? INSTRUCTION : DATA)];
    }

    /** Context switches ({@link #switchTo} calls). */
    public long switches() {
        return switches;
    }

    /** Whole-TLB flushes: {@link #flushNonGlobal} and {@link #flushAll}, including those of a switch without PCIDs. */
    public long flushes() {
        return flushes;
    }
}
