package org.mmsim.paging.tlb;

import java.util.Objects;

/**
 * The shape of one CPU's TLBs (Intel SDM vol. 3A §4.10.2): an L1 array per access kind (data, instruction) and page
 * size (4 KiB, 2 MiB, 1 GiB), a second-level STLB shared by data and instructions for 4 KiB and 2 MiB pages, and a
 * second-level array for 1 GiB pages. An array of {@link Geometry#NONE} does not exist; its pages are then cached
 * only at the other level.
 *
 * <p>{@link #defaults()} is an Intel Skylake core, after the TLB table of the Skylake chapter of the Intel 64 and
 * IA-32 Architectures Optimization Reference Manual.
 *
 * @param l1Data4k the L1 dTLB for 4 KiB pages
 * @param l1Data2m the L1 dTLB for 2 MiB pages
 * @param l1Data1g the L1 dTLB for 1 GiB pages
 * @param l1Instruction4k the L1 iTLB for 4 KiB pages
 * @param l1Instruction2m the L1 iTLB for 2 MiB pages
 * @param l1Instruction1g the L1 iTLB for 1 GiB pages
 * @param stlb the second-level TLB for 4 KiB and 2 MiB pages, data and instructions
 * @param l2Huge1g the second-level TLB for 1 GiB pages
 */
public record TlbConfig(Geometry l1Data4k, Geometry l1Data2m, Geometry l1Data1g, Geometry l1Instruction4k,
                        Geometry l1Instruction2m, Geometry l1Instruction1g, Geometry stlb, Geometry l2Huge1g) {

    /** Checks that every array is given; each {@link Geometry} has checked itself. */
    public TlbConfig {
        Objects.requireNonNull(l1Data4k, "l1Data4k");
        Objects.requireNonNull(l1Data2m, "l1Data2m");
        Objects.requireNonNull(l1Data1g, "l1Data1g");
        Objects.requireNonNull(l1Instruction4k, "l1Instruction4k");
        Objects.requireNonNull(l1Instruction2m, "l1Instruction2m");
        Objects.requireNonNull(l1Instruction1g, "l1Instruction1g");
        Objects.requireNonNull(stlb, "stlb");
        Objects.requireNonNull(l2Huge1g, "l2Huge1g");
    }

    /**
     * A Skylake core: dTLB 64 entries 4-way (4 KiB), 32 entries 4-way (2 MiB), 4 entries fully associative (1 GiB);
     * iTLB 128 entries 8-way (4 KiB), 8 entries fully associative (2 MiB) and none for 1 GiB pages (the core
     * splinters them into 2 MiB iTLB entries, which an opaque payload cannot express, so instruction fetches from
     * 1 GiB pages hit in the second level); STLB 1536 entries 12-way (128 sets); 16 entries 4-way for 1 GiB pages.
     */
    public static TlbConfig defaults() {
        return new TlbConfig(new Geometry(64, 4), new Geometry(32, 4), new Geometry(4, 4), new Geometry(128, 8),
                new Geometry(8, 8), Geometry.NONE, new Geometry(1536, 12), new Geometry(16, 4));
    }

    /**
     * The size of one array.
     *
     * @param entries the capacity, or 0 for no array
     * @param ways the associativity (0 for no array), dividing {@code entries} into a power-of-two number of sets;
     *     {@code ways == entries} is fully associative
     */
    public record Geometry(int entries, int ways) {
        /** No array at all. */
        public static final Geometry NONE = new Geometry(0, 0);

        /** Checks the geometry; a message names both values and says what was expected. */
        public Geometry {
            if (entries == 0 && ways != 0) {
                throw new IllegalArgumentException("a TLB of 0 entries in " + ways + " ways; expected 0 ways for no TLB, "
                        + "or at least 1 entry");
            }
            if (entries != 0) {
                TlbArray.checkGeometry(entries, ways);
            }
        }

        /** Whether the array exists. */
        public boolean present() {
            return entries > 0;
        }
    }
}
