package org.mmsim.api.paging;

/**
 * The TLBs of each CPU, as far as a machine's configuration sets them (the x86 TLB hierarchy, Intel SDM vol. 3A
 * §4.10): the first-level data and instruction TLBs for 4 KiB pages and the unified second-level STLB, each as
 * entries and ways, and whether entries are tagged with PCIDs (kept across context switches, as Linux does with
 * PCID) or flushed on every switch (the textbook TLB). The arrays for large pages keep a recent core's shape.
 *
 * @param dtlbEntries entries of the L1 dTLB
 * @param dtlbWays its associativity
 * @param itlbEntries entries of the L1 iTLB
 * @param itlbWays its associativity
 * @param stlbEntries entries of the STLB
 * @param stlbWays its associativity
 * @param pcid whether entries are PCID-tagged
 */
public record TlbSpec(int dtlbEntries, int dtlbWays, int itlbEntries, int itlbWays, int stlbEntries, int stlbWays,
                      boolean pcid) {
    /** Checks that each array's ways divide its entries into a power-of-two number of sets. */
    public TlbSpec {
        check("dtlb", dtlbEntries, dtlbWays);
        check("itlb", itlbEntries, itlbWays);
        check("stlb", stlbEntries, stlbWays);
    }

    private static void check(String name, int entries, int ways) {
        if (entries < 1 || ways < 1 || ways > entries || entries % ways != 0 || Integer.bitCount(entries / ways) != 1) {
            throw new IllegalArgumentException(name + " " + entries + "x" + ways + "; expected ENTRIESxWAYS with the "
                    + "ways dividing the entries into a power-of-two number of sets, such as 64x4");
        }
    }

    /** A recent x86 core (Skylake): 64-entry 4-way dTLB, 128-entry 8-way iTLB, 1536-entry 12-way STLB, PCIDs on. */
    public static TlbSpec defaults() {
        return new TlbSpec(64, 4, 128, 8, 1536, 12, true);
    }
}
