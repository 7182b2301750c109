package org.mmsim.reclaim.swap;

import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.SyscallException;

/**
 * The checks {@code swapon(2)} and {@code swapoff(2)} make before they change anything (mm/swapfile.c), in the
 * kernel's order, each with the kernel's errno, so that a refused call leaves swap as it was: the flags (a priority
 * out of range: EINVAL), a free {@code swap_info[]} slot ({@code alloc_swap_info()}: EPERM past
 * {@code MAX_SWAPFILES}), the path ({@code getname()}: EFAULT for NULL, ENOENT for ""), a file not swapped on already
 * ({@code claim_swapfile()}: EBUSY) and a header with a slot beyond itself ({@code read_swap_header()}: "Empty
 * swap-file", EINVAL). mmsim's swapon makes the file as it swaps it on (mkswap and swapon in one), so it takes any
 * absolute path; the kernel's rule on size is the least: the header page and one slot.
 */
final class SwaponArgs {
    /**
     * The least area swapon(2) takes: page 0 holds the header, and {@code setup_swap_map()} refuses an area with no
     * good page beyond it. (mkswap(8) wants 10, its MIN_GOODPAGES; the scenario's swapon, which does both, asks that.)
     */
    static final long MIN_PAGES = 2;
    /** The largest area mmsim takes: its slots' bookkeeping grows with the clusters (mm-api's MAX_SWAP). */
    static final long MAX_PAGES = MachineConfig.MAX_SWAP / MachineConfig.PAGE_SIZE;
    /** The largest priority swapon(2) takes ({@code SWAP_FLAG_PRIO_MASK}). */
    static final int MAX_PRIORITY = 0x7fff;

    private SwaponArgs() {
    }

    /**
     * Checks a swapon of {@code pages} pages at {@code path} and {@code priority} (-1: none) on {@code areas}.
     *
     * @throws SyscallException EINVAL, EPERM, EFAULT, ENOENT or EBUSY, as the kernel refuses the call
     */
    static void swapon(SwapAreas areas, String path, long pages, int priority) {
        if (priority < -1 || priority > MAX_PRIORITY) {
            throw new SyscallException("EINVAL", "swapon: priority " + priority + "; expected -1 (none) to " + MAX_PRIORITY);
        }
        if (areas.freeType() < 0) {
            throw new SyscallException("EPERM", "swapon: a swap area beyond " + SwapAreas.MAX + "; expected at most "
                    + SwapAreas.MAX);
        }
        checkPath(path, "swapon");
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new SyscallException("EINVAL", "swapon: swap path '" + path + "'; expected an absolute path such as "
                    + "/swapfile");
        }
        if (areas.byPath(path) != null) {
            throw new SyscallException("EBUSY", "swapon: " + path + " is already a swap area; expected a path not in use");
        }
        if (pages < MIN_PAGES || pages > MAX_PAGES) {
            throw new SyscallException("EINVAL", "swapon: swap area of " + pages + " pages; expected " + MIN_PAGES
                    + " (its header and one slot) to " + MAX_PAGES + " (4T)");
        }
    }

    /**
     * Checks a swapoff of {@code path}, and finds its area.
     *
     * @throws SyscallException EFAULT or ENOENT for a path that names no file, EINVAL for one that is not a swap area
     */
    static SwapInfo swapoff(SwapAreas areas, String path) {
        checkPath(path, "swapoff");
        SwapInfo si = areas.byPath(path);
        if (si == null) {
            throw new SyscallException("EINVAL", "swapoff: '" + path + "' is not a swap area; expected one of /proc/swaps: "
                    + String.join(", ", areas.all().stream().map(a -> a.path).toArray(String[]::new)));
        }
        return si;
    }

    /** {@code getname()}: a NULL pointer faults, an empty name names nothing. */
    private static void checkPath(String path, String call) {
        if (path == null) {
            throw new SyscallException("EFAULT", call + ": a null path");
        }
        if (path.isEmpty()) {
            throw new SyscallException("ENOENT", call + ": an empty path");
        }
    }
}
