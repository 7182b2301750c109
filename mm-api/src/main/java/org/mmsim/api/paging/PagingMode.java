package org.mmsim.api.paging;

/**
 * The page-table formats of x86 (arch/x86/include/asm/pgtable_*types.h): how many levels a walk takes, how many bits
 * each level indexes, and the size of an entry. Every format uses 4 KiB base pages; large pages end a walk early
 * through the PS bit: 2 MiB at the PMD (4 MiB with 32-bit entries) and 1 GiB at the PUD.
 */
public enum PagingMode {
    /** x86-64 four-level paging: 48-bit addresses, PGD → PUD → PMD → PTE, 9 bits a level. */
    X86_64_4LEVEL(4, 48, 9, 8),
    /** x86-64 five-level paging (LA57): 57-bit addresses, PGD → P4D → PUD → PMD → PTE. */
    X86_64_5LEVEL(5, 57, 9, 8),
    /** i386 two-level paging: 32-bit addresses, PGD → PTE, 10 bits a level, 4-byte entries. */
    I386_2LEVEL(2, 32, 10, 4),
    /** i386 PAE: 32-bit addresses, a 4-entry PDPT → PMD → PTE, 8-byte entries. */
    I386_PAE(3, 32, 9, 8);

    private final int levels;
    private final int addressBits;
    private final int indexBits;
    private final int entryBytes;

    PagingMode(int levels, int addressBits, int indexBits, int entryBytes) {
        this.levels = levels;
        this.addressBits = addressBits;
        this.indexBits = indexBits;
        this.entryBytes = entryBytes;
    }

    /** Levels of tables a walk reads. */
    public int levels() {
        return levels;
    }

    /** Bits of virtual address translated. */
    public int addressBits() {
        return addressBits;
    }

    /** Bits each level below the top indexes (the top level of PAE indexes only 2). */
    public int indexBits() {
        return indexBits;
    }

    /** Bytes per entry. */
    public int entryBytes() {
        return entryBytes;
    }

    /** The shift of the address bits level {@code level} (0 = the top) indexes: 12 for the last level. */
    public int shift(int level) {
        return 12 + indexBits * (levels - 1 - level);
    }

    /** Entries in a table of level {@code level}. */
    public int entries(int level) {
        if (this == I386_PAE && level == 0) {
            return 4;
        }
        return 1 << indexBits;
    }

    /** The largest user-space address + 1 ({@code TASK_SIZE}): 47 bits of x86-64 4-level, 56 of 5-level, 3 GiB on i386. */
    public long taskSize() {
        switch (this) {
            case X86_64_4LEVEL:
                return (1L << 47) - 4096;
            case X86_64_5LEVEL:
                return (1L << 56) - 4096;
            default:
                return 3L << 30;
        }
    }
}
