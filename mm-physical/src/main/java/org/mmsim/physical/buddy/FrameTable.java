package org.mmsim.physical.buddy;

import org.mmsim.api.physical.PageFlags;

/**
 * The metadata of every page frame, Linux's {@code struct page} array (the memmap), kept as struct-of-arrays in
 * 12 bytes a frame where Linux spends 64: an int of flags, an int refcount, an int mapcount.
 *
 * <p>As in {@code struct page}, fields are reused by whoever owns the frame. A free block's head ({@link
 * PageFlags#BUDDY}) belongs to the buddy allocator: its order is kept in the flags word above the page flags, and
 * its refcount and mapcount slots hold the next and previous links of the free list it is on (Linux's {@code lru}
 * list_head shares the same union). Layers above keep their own per-frame state in their own arrays indexed by pfn,
 * as Linux's page_ext does, so this table stays small.
 */
public final class FrameTable {
    /** Marks the end of a free list. */
    public static final int NONE = -1;
    /** The frame heads a block on a per-CPU list: freed, but not back in the buddy lists. */
    private static final int PCP = 1 << 21;
    /** The frame heads a block the allocator handed out; its order is kept in the order bits. */
    private static final int ALLOCATED = 1 << 22;
    private static final int ORDER_SHIFT = 24;
    private static final int ORDER_MASK = 0xf << ORDER_SHIFT;

    private final int[] flags;
    private final int[] refcount;
    private final int[] mapcount;

    /** @param frames the number of frames, pfn 0 to frames - 1 */
    public FrameTable(int frames) {
        flags = new int[frames];
        refcount = new int[frames];
        mapcount = new int[frames];
    }

    /** Marks every frame PG_reserved, as the memmap starts at boot. */
    public void reserveAll() {
        java.util.Arrays.fill(flags, PageFlags.RESERVED);
    }

    /** The number of frames. */
    public int frames() {
        return flags.length;
    }

    /** The page flags of a frame. */
    public int flags(int pfn) {
        return flags[pfn] & PageFlags.MASK;
    }

    /** Whether all of {@code mask} is set. */
    public boolean test(int pfn, int mask) {
        return (flags[pfn] & mask) == mask;
    }

    /** Sets page flags. */
    public void set(int pfn, int mask) {
        flags[pfn] |= mask & PageFlags.MASK;
    }

    /** Clears page flags. */
    public void clear(int pfn, int mask) {
        flags[pfn] &= ~(mask & PageFlags.MASK);
    }

    /** Whether the frame heads a free block. */
    public boolean isBuddy(int pfn) {
        return (flags[pfn] & PageFlags.BUDDY) != 0;
    }

    /** The order of the free block a buddy head starts ({@code buddy_order()}). */
    public int buddyOrder(int pfn) {
        return (flags[pfn] & ORDER_MASK) >>> ORDER_SHIFT;
    }

    /** Makes the frame the head of a free block of {@code order}, unlinked ({@code set_buddy_order()}). */
    void makeBuddy(int pfn, int order) {
        flags[pfn] = (flags[pfn] & (PageFlags.MASK & ~PageFlags.BUDDY & ~PageFlags.RESERVED)) | PageFlags.BUDDY
                | (order << ORDER_SHIFT);
        refcount[pfn] = NONE;
        mapcount[pfn] = NONE;
    }

    /** Records that an allocated block of {@code order} starts here ({@code prep_new_page()}): refcount 1, unmapped. */
    public void markAllocated(int pfn, int order) {
        flags[pfn] = ALLOCATED | (order << ORDER_SHIFT);
        refcount[pfn] = 1;
        mapcount[pfn] = 0;
    }

    /** The order of the allocated block that starts at {@code pfn}, or -1 if none does. */
    public int allocatedOrder(int pfn) {
        return (flags[pfn] & ALLOCATED) != 0 ? (flags[pfn] & ORDER_MASK) >>> ORDER_SHIFT : -1;
    }

    /** The block starting at {@code pfn} is being freed: it is no longer an allocated block's head. */
    public void clearAllocated(int pfn) {
        flags[pfn] &= PageFlags.MASK & ~ALLOCATED;
        refcount[pfn] = 0;
        mapcount[pfn] = 0;
    }

    /** Whether the frame heads a block on a per-CPU list. */
    public boolean isPcp(int pfn) {
        return (flags[pfn] & PCP) != 0;
    }

    /** The order of the block a per-CPU list entry starts. */
    int pcpOrder(int pfn) {
        return (flags[pfn] & ORDER_MASK) >>> ORDER_SHIFT;
    }

    /** Makes the frame the head of a block of {@code order} on a per-CPU list, unlinked. */
    void makePcp(int pfn, int order) {
        flags[pfn] = (flags[pfn] & PageFlags.MASK) | PCP | (order << ORDER_SHIFT);
        refcount[pfn] = NONE;
        mapcount[pfn] = NONE;
    }

    /** The frame leaves its per-CPU list; its refcount and mapcount are zero again. */
    void clearPcp(int pfn) {
        flags[pfn] &= PageFlags.MASK;
        refcount[pfn] = 0;
        mapcount[pfn] = 0;
    }

    /** The frame no longer heads a free block; its refcount and mapcount are zero again. */
    void clearBuddy(int pfn) {
        flags[pfn] &= PageFlags.MASK & ~PageFlags.BUDDY;
        refcount[pfn] = 0;
        mapcount[pfn] = 0;
    }

    int next(int pfn) {
        return refcount[pfn];
    }

    void setNext(int pfn, int next) {
        refcount[pfn] = next;
    }

    int prev(int pfn) {
        return mapcount[pfn];
    }

    void setPrev(int pfn, int prev) {
        mapcount[pfn] = prev;
    }

    /** The reference count ({@code page_ref_count()}); 0 for a free block's head or a per-CPU list entry. */
    public int refcount(int pfn) {
        return (flags[pfn] & (PageFlags.BUDDY | PCP)) != 0 ? 0 : refcount[pfn];
    }

    /** Sets the reference count of an allocated frame. */
    public void setRefcount(int pfn, int count) {
        refcount[pfn] = count;
    }

    /** The number of page-table entries that map the frame ({@code page_mapcount()}); 0 for a free block. */
    public int mapcount(int pfn) {
        return (flags[pfn] & (PageFlags.BUDDY | PCP)) != 0 ? 0 : mapcount[pfn];
    }

    /** Sets the map count of an allocated frame. */
    public void setMapcount(int pfn, int count) {
        mapcount[pfn] = count;
    }

    /** Bytes of heap the table uses per frame. */
    public static int bytesPerFrame() {
        return 3 * Integer.BYTES;
    }
}
