package org.mmsim.paging.tlb;

import java.util.Arrays;

/**
 * One set-associative translation cache of a CPU, such as the L1 dTLB for 4 KiB pages or the STLB (Intel SDM vol. 3A
 * §4.10.2 "Translation Lookaside Buffers"). An entry maps a virtual page number (VPN), at whatever page size the
 * array caches, to an opaque {@code long} payload — the caller packs the frame number and permission bits into it;
 * the array never looks inside. Each entry is tagged with the PCID it was filled under (§4.10.1) or marked global
 * (§4.10.2.4, PTE bit G), and a global entry matches every PCID.
 *
 * <p>The set of a VPN is its low bits: {@code entries / ways} sets, a power of two; one set of {@code entries} ways
 * is a fully associative array. Within a set the least recently used way is replaced: true LRU, kept as a per-entry
 * stamp from a per-array counter, so a hit only stamps its entry and an insert into a full set evicts the oldest
 * stamp. Real TLBs use a cheaper pseudo-LRU (Intel does not document which), which now and then evicts a way that is
 * not quite the oldest; the simulator prefers a policy it can state exactly.
 *
 * <p>At most one entry can match a lookup: an insert first drops every entry of the set that it overlaps — the same
 * VPN with the same PCID, or the same VPN where either entry is global — so a hit always returns the latest insert.
 * (Hardware may hold such duplicates until software invalidates them; software that changes a translation has to
 * invalidate it anyway, §4.10.4.2.)
 *
 * <p>The invalidations are those of §4.10.4.1: {@link #invalidatePage} is INVLPG,
 * {@link #invalidatePcid} is INVPCID single-context, {@link #flushNonGlobal} is a MOV to CR3 with PCIDs off (or
 * INVPCID all-context except globals), {@link #flushAll} is toggling CR4.PGE (or INVPCID all-context).
 *
 * <p>Lookup and insert use only the primitive arrays below: nothing is allocated or boxed per call. Not thread-safe:
 * an array belongs to one CPU.
 */
public final class TlbArray {
    /**
     * What {@link #lookup} returns on a miss: {@code Long.MIN_VALUE}, which {@link #insert} refuses as a payload. A
     * payload that packs x86 PTE bits keeps its present bit (bit 0) set and so can never equal it.
     */
    public static final long MISS = Long.MIN_VALUE;
    /** The largest PCID: CR3 bits 11:0 hold it (§4.10.1). */
    public static final int MAX_PCID = 4095;

    // An entry's owner is its PCID, GLOBAL or INVALID; neither marker is a PCID, so a lookup compares it directly.
    private static final int INVALID = -1;
    private static final int GLOBAL = MAX_PCID + 1;

    private final int entries;
    private final int ways;
    private final int setMask;
    private final long[] vpns;
    private final int[] owners;
    private final long[] payloads;
    private final long[] stamps;
    private long clock;
    private int valid;
    private long hits;
    private long misses;
    private long evictions;

    /**
     * @param entries the number of entries, at least 1
     * @param ways the associativity: entries per set, dividing {@code entries} into a power-of-two number of sets
     *     ({@code ways == entries} for a fully associative array)
     * @throws IllegalArgumentException if the geometry is not one of these
     */
    public TlbArray(int entries, int ways) {
        checkGeometry(entries, ways);
        this.entries = entries;
        this.ways = ways;
        this.setMask = entries / ways - 1;
        vpns = new long[entries];
        owners = new int[entries];
        payloads = new long[entries];
        stamps = new long[entries];
        Arrays.fill(owners, INVALID);
    }

    /** Throws unless {@code entries} in sets of {@code ways} make a power-of-two number of sets. */
    static void checkGeometry(int entries, int ways) {
        if (entries < 1 || ways < 1 || ways > entries || entries % ways != 0 || Integer.bitCount(entries / ways) != 1) {
            throw new IllegalArgumentException("a TLB of " + entries + " entries in " + ways + " ways; expected at least "
                    + "1 entry, and ways dividing the entries into a power-of-two number of sets");
        }
    }

    /**
     * Looks a page up and, on a hit, makes its entry the most recently used.
     *
     * @param vpn the virtual page number at this array's page size
     * @param pcid the current PCID, 0 to {@link #MAX_PCID}
     * @return the payload of the entry for {@code vpn} tagged {@code pcid} or global, or {@link #MISS}
     */
    public long lookup(long vpn, int pcid) {
        int way = lookupWay(vpn, pcid);
        return way < 0 ? MISS : payloads[way];
    }

    /**
     * {@link #lookup}, returning the way that hit, or -1, so that a lower level can refill an upper one with the
     * entry's global flag too. Kept apart from {@link #lookup} and small, so that the JIT inlines both into the MMU.
     */
    int lookupWay(long vpn, int pcid) {
        int way = find(vpn, pcid);
        if (way < 0) {
            misses++;
            return -1;
        }
        stamps[way] = ++clock;
        hits++;
        return way;
    }

    /**
     * {@link #lookup} for a look that must change nothing: the entry's recency stays, and no hit or miss is counted.
     */
    long peek(long vpn, int pcid) {
        int way = find(vpn, pcid);
        return way < 0 ? MISS : payloads[way];
    }

    /** The way holding {@code vpn} for {@code pcid} (or global), or -1. */
    private int find(long vpn, int pcid) {
        if ((pcid & ~MAX_PCID) != 0) {
            throw badPcid(pcid);
        }
        int base = setBase(vpn);
        for (int i = base, end = base + ways; i < end; i++) {
            if (vpns[i] == vpn) {
                int owner = owners[i];
                if (owner == pcid || owner == GLOBAL) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The payload of a way that {@link #lookupWay} returned. */
    long payload(int way) {
        return payloads[way];
    }

    /** Whether the entry in a way that {@link #lookupWay} returned is global. */
    boolean global(int way) {
        return owners[way] == GLOBAL;
    }

    /**
     * Caches a translation, as the page walker does after a miss. It replaces the entries it overlaps (see the class
     * comment); otherwise it takes an invalid way of the set, or evicts the set's least recently used way.
     *
     * @param vpn the virtual page number at this array's page size
     * @param pcid the PCID the walk ran under, 0 to {@link #MAX_PCID}
     * @param global whether the PTE has the G bit, so that the entry matches every PCID
     * @param payload the caller's packed translation; anything but {@link #MISS}
     */
    public void insert(long vpn, int pcid, boolean global, long payload) {
        if ((pcid & ~MAX_PCID) != 0) {
            throw badPcid(pcid);
        }
        if (payload == MISS) {
            throw new IllegalArgumentException("payload " + payload + "; expected anything but TlbArray.MISS");
        }
        int base = setBase(vpn);
        drop(base, vpn, pcid, global);
        int way = freeOrLeastRecent(base);
        vpns[way] = vpn;
        owners[way] = global ? GLOBAL : pcid;
        payloads[way] = payload;
        stamps[way] = ++clock;
    }

    private int setBase(long vpn) {
        return ((int) vpn & setMask) * ways;
    }

    /** The first invalid way of the set, else its least recently used way, whose entry is then evicted. */
    private int freeOrLeastRecent(int base) {
        int oldest = base;
        for (int i = base, end = base + ways; i < end; i++) {
            if (owners[i] == INVALID) {
                valid++;
                return i;
            }
            if (stamps[i] < stamps[oldest]) {
                oldest = i;
            }
        }
        evictions++;
        return oldest;
    }

    /**
     * Drops the entries for {@code vpn} that match {@code pcid} (its own and global ones), or, if {@code anyPcid},
     * the entries for {@code vpn} of every PCID.
     */
    private void drop(int base, long vpn, int pcid, boolean anyPcid) {
        for (int i = base, end = base + ways; i < end; i++) {
            int owner = owners[i];
            if (vpns[i] == vpn && owner != INVALID && (anyPcid || owner == pcid || owner == GLOBAL)) {
                owners[i] = INVALID;
                valid--;
            }
        }
    }

    /**
     * Drops every entry that inserting this translation would replace, so that another array of the same CPU holds
     * no older copy of a translation just filled.
     */
    void invalidateOverlapping(long vpn, int pcid, boolean global) {
        drop(setBase(vpn), vpn, pcid, global);
    }

    /**
     * INVLPG (§4.10.4.1): drops the entry for {@code vpn} tagged {@code pcid} and any global entry for {@code vpn};
     * other PCIDs' entries for the page stay.
     */
    public void invalidatePage(long vpn, int pcid) {
        if ((pcid & ~MAX_PCID) != 0) {
            throw badPcid(pcid);
        }
        drop(setBase(vpn), vpn, pcid, false);
    }

    /** INVPCID single-context (§4.10.4.1): drops every entry tagged {@code pcid}; global entries stay. */
    public void invalidatePcid(int pcid) {
        if ((pcid & ~MAX_PCID) != 0) {
            throw badPcid(pcid);
        }
        for (int i = 0; i < entries && valid > 0; i++) {
            if (owners[i] == pcid) {
                owners[i] = INVALID;
                valid--;
            }
        }
    }

    /** A MOV to CR3 with PCIDs off (§4.10.4.1): drops every non-global entry, of every PCID. */
    public void flushNonGlobal() {
        for (int i = 0; i < entries && valid > 0; i++) {
            int owner = owners[i];
            if (owner != INVALID && owner != GLOBAL) {
                owners[i] = INVALID;
                valid--;
            }
        }
    }

    /** Toggling CR4.PGE, or INVPCID all-context (§4.10.4.1): drops every entry, global ones too. */
    public void flushAll() {
        Arrays.fill(owners, INVALID);
        valid = 0;
    }

    private static IllegalArgumentException badPcid(int pcid) {
        return new IllegalArgumentException("pcid " + pcid + "; expected 0 to " + MAX_PCID);
    }

    /** Lookups that found their page. */
    public long hits() {
        return hits;
    }

    /** Lookups that did not find their page. */
    public long misses() {
        return misses;
    }

    /** Inserts that pushed a valid entry out of a full set (not counting replaced overlapping entries). */
    public long evictions() {
        return evictions;
    }

    /** The capacity. */
    public int entries() {
        return entries;
    }

    /** The associativity: entries per set. */
    public int ways() {
        return ways;
    }

    /** The entries now holding a translation. */
    public int validEntries() {
        return valid;
    }
}
