package org.mmsim.reclaim.swap;

import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * Swap I/O (mm/page_io.c): a write puts the page's content token on the area's device, a read puts it back in a page. A page
 * of zeroes is not written at all (6.12's zeromap: {@code swpout_zero}, and {@code swpin_zero} when it is read back
 * as zeroes); any other counts {@code pswpout} or {@code pswpin}, and its bio joins the plug of the area's disk
 * ({@link BlockQueue}: the file system's disk for a swap file, a second disk's for a partition on it), which counts
 * its 4 KiB in {@code pgpgout} or {@code pgpgin} when the request completes.
 *
 * <p>The token moves at once, so the content is right whatever the time; the time is the queue's: reclaim's
 * unplug sends a pass's swap-outs as one request, and the faulting task waits for its swap-in and readahead, one
 * request, in the paging layer ({@code UserAccess}).
 */
final class SwapIo {
    private final PageFrames frames;
    private final VmStat vmstat;

    SwapIo(PageFrames frames, VmStat vmstat) {
        this.frames = frames;
        this.vmstat = vmstat;
    }

    /** {@code swap_writeout()}: the page's content goes to its slot on the device, and the page is clean. */
    void write(SwapInfo si, long offset, long pfn) {
        long token = frames.content(pfn);
        si.setZero(offset, token == 0);
        if (token == 0) {
            vmstat.inc(VmItem.SWPOUT_ZERO);
        } else {
            si.device().write(si.type, offset, token);
            vmstat.inc(VmItem.PSWPOUT);
            si.queue().plugWrite(1);
        }
        frames.clearFlags(pfn, PageFlags.DIRTY);
    }

    /** {@code swap_read_folio()}: the slot's content fills a new swap-backed page. */
    void read(SwapInfo si, long offset, long pfn) {
        long token = si.zero(offset) ? 0 : si.device().read(si.type, offset);
        frames.setContent(pfn, token);
        if (token == 0) {
            vmstat.inc(VmItem.SWPIN_ZERO);
        } else {
            vmstat.inc(VmItem.PSWPIN);
            si.queue().plugRead(1);
        }
        frames.setFlags(pfn, PageFlags.UPTODATE | PageFlags.SWAPBACKED);
    }
}
