package org.mmsim.physical.init;

import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.physical.buddy.PerCpuPages;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.watermark.Watermarks;

/** A zone as the /proc files and debugfs see it: read-only figures, and the fragmentation indices of mm/vmstat.c. */
final class ZoneView implements ZoneInfo {
    private final Zone zone;
    private final Watermarks watermarks;

    ZoneView(Zone zone, Watermarks watermarks) {
        this.zone = zone;
        this.watermarks = watermarks;
    }

    @Override
    public int node() {
        return zone.node();
    }

    @Override
    public ZoneType type() {
        return zone.type();
    }

    @Override
    public long startPfn() {
        return zone.span().startPfn();
    }

    @Override
    public long spanned() {
        return zone.span().spanned();
    }

    @Override
    public long present() {
        return zone.span().present();
    }

    @Override
    public long managed() {
        return zone.managed();
    }

    @Override
    public long freePages() {
        return zone.freePages();
    }

    @Override
    public long freePagesInBlocks() {
        return zone.freePagesInBlocks();
    }

    @Override
    public long watermark(int mark) {
        return zone.watermark(mark);
    }

    @Override
    public long watermarkBoost() {
        return zone.watermarkBoost();
    }

    @Override
    public long[] protection() {
        return zone.lowmemReserve();
    }

    @Override
    public long nrFree(int order) {
        return zone.nrFree(order);
    }

    @Override
    public long nrFree(int order, MigrateType type) {
        return zone.nrFree(order, type.ordinal());
    }

    @Override
    public long[] pageblocks() {
        return zone.pageblockCounts();
    }

    @Override
    public int cpus() {
        return zone.cpus();
    }

    @Override
    public int[] pcp(int cpu) {
        PerCpuPages p = zone.pcp(cpu);
        return new int[] {p.count(), p.high(), p.batch(), p.highMin(), p.highMax()};
    }

    @Override
    public int statThreshold() {
        return watermarks.statThreshold(zone);
    }

    @Override
    public long[] numaStats() {
        return zone.numaStats();
    }

    /** {@code fill_contig_page_info()}: free pages, free blocks, and free blocks large enough for {@code order}. */
    private long[] contigInfo(int order) {
        long freePages = 0;
        long blocks = 0;
        long suitable = 0;
        for (int o = 0; o <= PageOrder.MAX_PAGE_ORDER; o++) {
            long n = zone.nrFree(o);
            blocks += n;
            freePages += n << o;
            if (o >= order) {
                suitable += n << (o - order);
            }
        }
        return new long[] {freePages, blocks, suitable};
    }

    @Override
    public int unusableIndex(int order) {
        long[] info = contigInfo(order);
        if (info[0] == 0) {
            return 1000;
        }
        return (int) ((info[0] - (info[2] << order)) * 1000 / info[0]);
    }

    @Override
    public int fragmentationIndex(int order) {
        long[] info = contigInfo(order);
        if (info[1] == 0) {
            return 0;
        }
        if (info[2] > 0) {
            return -1000;
        }
        return (int) (1000 - (1000 + info[0] * 1000 / (1L << order)) / info[1]);
    }
}
