package org.mmsim.api.kernel;

/**
 * Swap entries ({@code swp_entry_t}): the area's index (its type) in the top 5 bits, the slot's offset below. 0 is
 * no entry: slot 0 of every area holds its header and is never handed out.
 */
public final class SwapEntry {
    /** {@code MAX_SWAPFILES_SHIFT}: up to 32 areas. */
    public static final int TYPE_BITS = 5;
    private static final int TYPE_SHIFT = 64 - 1 - TYPE_BITS;

    private SwapEntry() {
    }

    /** {@code swp_entry()}. */
    public static long of(int type, long offset) {
        return ((long) type << TYPE_SHIFT) | offset;
    }

    /** {@code swp_type()}. */
    public static int type(long entry) {
        return (int) (entry >>> TYPE_SHIFT);
    }

    /** {@code swp_offset()}. */
    public static long offset(long entry) {
        return entry & ((1L << TYPE_SHIFT) - 1);
    }
}
