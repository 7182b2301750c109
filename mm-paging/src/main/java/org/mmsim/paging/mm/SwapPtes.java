package org.mmsim.paging.mm;

import org.mmsim.api.paging.Pte;
import org.mmsim.api.kernel.SwapEntry;

/**
 * Swap entries in page-table entries ({@code swp_entry_to_pte()}): a non-present entry that is not empty holds a
 * swap entry, shifted past the present bit. An x86 CPU ignores every other bit of a non-present entry, so the
 * kernel is free to keep the entry there: x86-64's layout (arch/x86/include/asm/pgtable_64.h) puts the type in
 * bits 59-63 and the offset from bit 9 up, so that the PSE bit stays clear and a walk never takes a swap entry for a
 * huge page. (Linux also inverts the offset against L1TF; no simulated CPU speculates.)
 */
final class SwapPtes {
    private static final int OFFSET_SHIFT = 9;
    private static final int TYPE_SHIFT = 64 - SwapEntry.TYPE_BITS;

    private SwapPtes() {
    }

    /** Whether {@code pte} holds a swap entry ({@code is_swap_pte()}). */
    static boolean isSwap(long pte) {
        return pte != 0 && (pte & Pte.PRESENT) == 0;
    }

    /** The page-table entry for a swap entry. */
    static long of(long swapEntry) {
        return ((long) SwapEntry.type(swapEntry) << TYPE_SHIFT) | SwapEntry.offset(swapEntry) << OFFSET_SHIFT;
    }

    /** The swap entry a swap PTE holds ({@code pte_to_swp_entry()}). */
    static long entry(long pte) {
        return SwapEntry.of((int) (pte >>> TYPE_SHIFT), (pte & ~(-1L << TYPE_SHIFT)) >>> OFFSET_SHIFT);
    }
}
