package org.mmsim.api.paging;

/**
 * The bits of an x86 page-table entry as the hardware and Linux define them (arch/x86/include/asm/pgtable_types.h).
 * A present entry holds a frame number in bits 12 to 51; a non-present entry with the swap bit pattern holds a swap
 * entry (type and offset).
 */
public final class Pte {
    public static final long PRESENT = 1L;
    public static final long RW = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    /** Accessed: the MMU sets it on any access through the entry. */
    public static final long ACCESSED = 1L << 5;
    /** Dirty: the MMU sets it on a write through the entry. */
    public static final long DIRTY = 1L << 6;
    /** Page size: the entry maps a large page (at the PMD or PUD level). */
    public static final long PSE = 1L << 7;
    /** Global: the translation survives a CR3 write. */
    public static final long GLOBAL = 1L << 8;
    /** _PAGE_SPECIAL (software bit 1): a mapping with no struct page behind it, such as the vDSO. */
    public static final long SPECIAL = 1L << 9;
    /** _PAGE_SOFT_DIRTY (software bit 3). */
    public static final long SOFT_DIRTY = 1L << 11;
    /** No-execute. */
    public static final long NX = 1L << 63;
    /** The frame-number bits. */
    public static final long PFN_MASK = ((1L << 52) - 1) & ~((1L << 12) - 1);

    private Pte() {
    }
}
