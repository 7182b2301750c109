package org.mmsim.paging.mm;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The hugetlbfs file behind a MAP_HUGETLB mapping ({@code hugetlb_file_setup()}'s unlinked
 * {@code /anon_hugepage}), with its reservation map ({@code struct resv_map}). A shared mapping's pages are the
 * file's, by huge page index, found by every process that maps it; a private mapping's pages are each process's own,
 * and the file is only where the owner's reservations are kept. {@link #reserved} holds the indexes whose reserved
 * page no fault has taken yet: for a shared mapping as {@code region_chg()} keeps them in the inode's map, for a
 * private one the complement of the owner's map, whose entries are the reservations consumed.
 */
final class HugetlbFile {
    final int order;
    final boolean shared;
    /** Its inode number, for maps. */
    final long inode;
    /** A shared file's pages by index, -1 where none; empty for a private mapping's. */
    private long[] pages;
    final BitSet reserved = new BitSet();
    /** The VMAs that map it, in every address space ({@link Mm#insert} counts them, {@link HugetlbMappings#close}). */
    int users;

    HugetlbFile(int order, boolean shared, long inode, long hugePages) {
        this.order = order;
        this.shared = shared;
        this.inode = inode;
        this.pages = new long[shared ? (int) hugePages : 0];
        Arrays.fill(pages, -1);
    }

    long page(long index) {
        return index < pages.length ? pages[(int) index] : -1;
    }

    void setPage(long index, long pfn) {
        pages[(int) index] = pfn;
    }

    /** The file's pages, for its truncation when the last mapping goes. */
    long[] pages() {
        return pages;
    }

    /** The size of its huge pages, in bytes. */
    long size() {
        return 4096L << order;
    }
}
