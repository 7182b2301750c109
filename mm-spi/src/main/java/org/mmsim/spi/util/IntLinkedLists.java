package org.mmsim.spi.util;

import java.util.Arrays;

/**
 * A fixed set of doubly-linked lists threaded through the int nodes {@code 0..nodes-1}, each node on at most one
 * list at a time: Linux's {@code struct list_head} embedded in every page, kept as struct-of-arrays. Policies thread
 * their queues (LRU, FIFO, ARC's T1/T2/B1/B2) through slot numbers this way, with no object per entry.
 *
 * <p>Every operation is O(1). List {@code l} has a sentinel node {@code nodes + l}; {@link #NIL} marks the end of a
 * walk. Not thread-safe.
 */
public final class IntLinkedLists {
    /** Returned where there is no node: an empty list's ends, the neighbours of a list's ends. */
    public static final int NIL = -1;
    private static final byte UNLINKED = -1;

    private final int nodes;
    private final int[] next;
    private final int[] prev;
    private final byte[] owner;
    private final int[] sizes;

    /**
     * @param nodes the number of nodes, {@code 0..nodes-1}
     * @param lists the number of lists, 1 to 127
     */
    public IntLinkedLists(int nodes, int lists) {
        if (nodes < 0 || lists < 1 || lists > Byte.MAX_VALUE || (long) nodes + lists > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nodes " + nodes + ", lists " + lists + "; expected nodes >= 0 and 1 to 127 lists");
        }
        this.nodes = nodes;
        next = new int[nodes + lists];
        prev = new int[nodes + lists];
        owner = new byte[nodes];
        sizes = new int[lists];
        Arrays.fill(owner, UNLINKED);
        for (int l = 0; l < lists; l++) {
            next[nodes + l] = nodes + l;
            prev[nodes + l] = nodes + l;
        }
    }

    /** The number of nodes on {@code list}. */
    public int size(int list) {
        return sizes[list];
    }

    /** The list {@code node} is on, or {@link #NIL}. */
    public int listOf(int node) {
        return owner[node];
    }

    /** Whether {@code node} is on a list. */
    public boolean isLinked(int node) {
        return owner[node] != UNLINKED;
    }

    /** The first node of {@code list}, or {@link #NIL} if it is empty. */
    public int first(int list) {
        int n = next[nodes + list];
        return n >= nodes ? NIL : n;
    }

    /** The last node of {@code list}, or {@link #NIL} if it is empty. */
    public int last(int list) {
        int p = prev[nodes + list];
        return p >= nodes ? NIL : p;
    }

    /** The node after {@code node} on its list, or {@link #NIL} at the end. */
    public int next(int node) {
        int n = next[node];
        return n >= nodes ? NIL : n;
    }

    /** The node before {@code node} on its list, or {@link #NIL} at the start. */
    public int prev(int node) {
        int p = prev[node];
        return p >= nodes ? NIL : p;
    }

    /** Puts an unlinked node first on {@code list}. */
    public void addFirst(int list, int node) {
        link(list, node, nodes + list, next[nodes + list]);
    }

    /** Puts an unlinked node last on {@code list}. */
    public void addLast(int list, int node) {
        link(list, node, prev[nodes + list], nodes + list);
    }

    /** Puts an unlinked node right after {@code anchor}, which is on a list. */
    public void addAfter(int anchor, int node) {
        link(owner[anchor], node, anchor, next[anchor]);
    }

    /** Puts an unlinked node right before {@code anchor}, which is on a list. */
    public void addBefore(int anchor, int node) {
        link(owner[anchor], node, prev[anchor], anchor);
    }

    /** Moves a node, linked anywhere, to the front of {@code list}. */
    public void moveToFirst(int list, int node) {
        unlink(node);
        addFirst(list, node);
    }

    /** Moves a node, linked anywhere, to the back of {@code list}. */
    public void moveToLast(int list, int node) {
        unlink(node);
        addLast(list, node);
    }

    /** Takes a linked node off its list. */
    public void remove(int node) {
        unlink(node);
    }

    /** Takes the first node off {@code list} and returns it, or {@link #NIL} if the list is empty. */
    public int removeFirst(int list) {
        int n = first(list);
        if (n != NIL) {
            unlink(n);
        }
        return n;
    }

    /** Takes the last node off {@code list} and returns it, or {@link #NIL} if the list is empty. */
    public int removeLast(int list) {
        int n = last(list);
        if (n != NIL) {
            unlink(n);
        }
        return n;
    }

    private void link(int list, int node, int before, int after) {
        if (owner[node] != UNLINKED) {
            throw new IllegalStateException("node " + node + " is already on list " + owner[node]);
        }
        next[before] = node;
        prev[node] = before;
        next[node] = after;
        prev[after] = node;
        owner[node] = (byte) list;
        sizes[list]++;
    }

    private void unlink(int node) {
        int list = owner[node];
        if (list == UNLINKED) {
            throw new IllegalStateException("node " + node + " is on no list");
        }
        int p = prev[node];
        int n = next[node];
        next[p] = n;
        prev[n] = p;
        owner[node] = UNLINKED;
        sizes[list]--;
    }
}
