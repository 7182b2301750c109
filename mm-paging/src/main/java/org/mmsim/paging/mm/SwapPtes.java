package org.mmsim.paging.mm;

import org.mmsim.api.paging.Pte;

/**
 * Swap entries in page-table entries ({@code swp_entry_to_pte()}): a non-present entry that is not empty holds a
 * swap entry, shifted past the present bit. An x86 CPU ignores every other bit of a non-present entry, so the
 * kernel is free to keep the entry there.
 */
final class SwapPtes {
    private SwapPtes() {
    }

    /** Whether {@code pte} holds a swap entry ({@code is_swap_pte()}). */
    static boolean isSwap(long pte) {
        return pte != 0 && (pte & Pte.PRESENT) == 0;
    }

    /** The page-table entry for a swap entry. */
    static long of(long swapEntry) {
        return swapEntry << 1;
    }

    /** The swap entry a swap PTE holds ({@code pte_to_swp_entry()}). */
    static long entry(long pte) {
        return pte >>> 1;
    }
}
