package org.mmsim.physical.hugetlb;

/**
 * A node's free huge pages, by first pfn: the last one freed is the first taken, as {@code enqueue_hugetlb_folio()}
 * puts a page at the head of the list that {@code dequeue_hugetlb_folio_node_exact()} takes from.
 */
final class PfnStack {
    private long[] pfns = new long[8];
    private int size;

    void push(long pfn) {
        if (size == pfns.length) {
            pfns = java.util.Arrays.copyOf(pfns, size * 2);
        }
        pfns[size++] = pfn;
    }

    long pop() {
        return pfns[--size];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
