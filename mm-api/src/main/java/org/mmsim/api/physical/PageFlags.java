package org.mmsim.api.physical;

/**
 * The page flags a frame carries ({@code enum pageflags} in include/linux/page-flags.h), as bits of an int: one
 * bit per flag, in the kernel's order. {@link #BUDDY} is a page type in Linux (kept in the mapcount field); here it
 * is one more bit.
 */
public final class PageFlags {
    public static final int LOCKED = 1;
    public static final int WRITEBACK = 1 << 1;
    public static final int REFERENCED = 1 << 2;
    public static final int UPTODATE = 1 << 3;
    public static final int DIRTY = 1 << 4;
    public static final int LRU = 1 << 5;
    public static final int HEAD = 1 << 6;
    public static final int WAITERS = 1 << 7;
    public static final int ACTIVE = 1 << 8;
    public static final int WORKINGSET = 1 << 9;
    public static final int OWNER_PRIV_1 = 1 << 10;
    public static final int OWNER_2 = 1 << 11;
    public static final int ARCH_1 = 1 << 12;
    public static final int RESERVED = 1 << 13;
    public static final int PRIVATE = 1 << 14;
    public static final int PRIVATE_2 = 1 << 15;
    public static final int RECLAIM = 1 << 16;
    public static final int SWAPBACKED = 1 << 17;
    public static final int UNEVICTABLE = 1 << 18;
    public static final int MLOCKED = 1 << 19;
    /** The page heads a free block of the buddy allocator (PG_buddy, a page type in Linux). */
    public static final int BUDDY = 1 << 20;
    /** The bits that are page flags; the frame table uses the bits above for its own bookkeeping. */
    public static final int MASK = (1 << 21) - 1;

    private static final String[] NAMES = {"locked", "writeback", "referenced", "uptodate", "dirty", "lru", "head",
        "waiters", "active", "workingset", "owner_priv_1", "owner_2", "arch_1", "reserved", "private", "private_2",
        "reclaim", "swapbacked", "unevictable", "mlocked", "buddy"};

    private PageFlags() {
    }

    /** The flags as Linux's {@code %pGp} prints them: names joined by {@code |}, such as {@code referenced|lru}. */
    public static String describe(int flags) {
        StringBuilder text = new StringBuilder();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                text.append(text.length() == 0 ? "" : "|").append(NAMES[bit]);
            }
        }
        return text.toString();
    }
}
