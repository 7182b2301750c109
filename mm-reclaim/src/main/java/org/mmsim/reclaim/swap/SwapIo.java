package org.mmsim.reclaim.swap;

import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * Swap I/O (mm/page_io.c): a write puts the page's content token on the area's device, a read puts it back in a page. A page
 * of zeroes is not written at all (6.12's zeromap: {@code swpout_zero}, and {@code swpin_zero} when it is read back
 * as zeroes); any other counts {@code pswpout} or {@code pswpin}, and its 4 KiB in {@code pgpgout} or {@code pgpgin}
 * (the bio's sectors, in KiB as /proc/vmstat shows them).
 *
 * <p>Synchronous and instantaneous: a read or write takes no simulated time, as the page cache's disk reads take
 * none yet; the reclaim layer can charge the device's time when it runs in simulated time.
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
            vmstat.add(VmItem.PGPGOUT, 4);
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
            vmstat.add(VmItem.PGPGIN, 4);
        }
        frames.setFlags(pfn, PageFlags.UPTODATE | PageFlags.SWAPBACKED);
    }
}
