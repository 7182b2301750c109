package org.mmsim.physical.buddy;

import java.util.Arrays;

/**
 * A set of doubly linked lists of frames threaded through the frame table's link slots, as Linux threads free and
 * per-CPU pages through {@code page->lru}: the free lists of a zone, the per-CPU lists of a CPU. The caller marks the
 * frames (buddy or per-CPU) before linking them, so their refcount and mapcount slots are free to hold links.
 */
final class FrameLists {
    private final FrameTable frames;
    private final int[] head;
    private final int[] tail;

    FrameLists(FrameTable frames, int lists) {
        this.frames = frames;
        head = new int[lists];
        tail = new int[lists];
        Arrays.fill(head, FrameTable.NONE);
        Arrays.fill(tail, FrameTable.NONE);
    }

    /** Links a marked frame at the head of list {@code l}, or at its tail. */
    void add(int l, int pfn, boolean atTail) {
        frames.setNext(pfn, FrameTable.NONE);
        frames.setPrev(pfn, FrameTable.NONE);
        if (head[l] == FrameTable.NONE) {
            head[l] = pfn;
            tail[l] = pfn;
        } else if (atTail) {
            frames.setPrev(pfn, tail[l]);
            frames.setNext(tail[l], pfn);
            tail[l] = pfn;
        } else {
            frames.setNext(pfn, head[l]);
            frames.setPrev(head[l], pfn);
            head[l] = pfn;
        }
    }

    /** Unlinks a frame from list {@code l}. */
    void remove(int l, int pfn) {
        int prev = frames.prev(pfn);
        int next = frames.next(pfn);
        if (prev == FrameTable.NONE) {
            head[l] = next;
        } else {
            frames.setNext(prev, next);
        }
        if (next == FrameTable.NONE) {
            tail[l] = prev;
        } else {
            frames.setPrev(next, prev);
        }
    }

    /** The first frame of list {@code l}, or {@link FrameTable#NONE}. */
    int head(int l) {
        return head[l];
    }

    /** The last frame of list {@code l}, or {@link FrameTable#NONE}. */
    int tail(int l) {
        return tail[l];
    }
}
