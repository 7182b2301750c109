package org.mmsim.api.paging;

/** Memory protections and mapping flags of mmap(2) (include/uapi/asm-generic/mman-common.h, mman.h). */
public final class Prot {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_GROWSDOWN = 0x100;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_POPULATE = 0x8000;
    /** Huge pages of a hugetlbfs pool, the default size unless MAP_HUGE_2MB or MAP_HUGE_1GB says which. */
    public static final int MAP_HUGETLB = 0x40000;
    /** Where MAP_HUGETLB's page size is encoded: its log2 in the 6 bits from here ({@code MAP_HUGE_MASK}). */
    public static final int MAP_HUGE_SHIFT = 26;
    public static final int MAP_HUGE_MASK = 0x3f;
    public static final int MAP_HUGE_2MB = 21 << MAP_HUGE_SHIFT;
    public static final int MAP_HUGE_1GB = 30 << MAP_HUGE_SHIFT;

    public static final int MREMAP_MAYMOVE = 1;
    /** madvise(2): the range's pages may go; anonymous memory reads zeroes again. */
    public static final int MADV_DONTNEED = 4;
    /** madvise(2): transparent huge pages wanted (VM_HUGEPAGE). */
    public static final int MADV_HUGEPAGE = 14;
    /** madvise(2): no transparent huge pages (VM_NOHUGEPAGE). */
    public static final int MADV_NOHUGEPAGE = 15;

    private Prot() {
    }

    /** Reads {@code rwx}-style text ({@code rw}, {@code r-x}, {@code none}) into PROT_ bits. */
    public static int parse(String text) {
        if (text.equals("none")) {
            return PROT_NONE;
        }
        int prot = 0;
        for (char c : text.toCharArray()) {
            switch (c) {
                case 'r':
                    prot |= PROT_READ;
                    break;
                case 'w':
                    prot |= PROT_WRITE;
                    break;
                case 'x':
                    prot |= PROT_EXEC;
                    break;
                case '-':
                    break;
                default:
                    throw new IllegalArgumentException("protection '" + text + "'; expected letters r, w, x (or none)");
            }
        }
        return prot;
    }
}
