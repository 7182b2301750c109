package org.mmsim.reclaim.fake;

import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;

/**
 * A zone for the reclaim tests: where it is ({@code node}, {@code startPfn}, {@code spanned}, all present and
 * managed) and nothing else; what the reclaim layer does not read throws.
 */
public record FakeZone(int node, ZoneType type, long startPfn, long spanned) implements ZoneInfo {
    @Override
    public long present() {
        return spanned;
    }

    @Override
    public long managed() {
        return spanned;
    }

    @Override
    public long freePages() {
        throw unread();
    }

    @Override
    public long freePagesInBlocks() {
        throw unread();
    }

    @Override
    public long watermark(int mark) {
        throw unread();
    }

    @Override
    public long watermarkBoost() {
        throw unread();
    }

    @Override
    public long[] protection() {
        throw unread();
    }

    @Override
    public long nrFree(int order) {
        throw unread();
    }

    @Override
    public long nrFree(int order, MigrateType migrateType) {
        throw unread();
    }

    @Override
    public long[] pageblocks() {
        throw unread();
    }

    @Override
    public int cpus() {
        throw unread();
    }

    @Override
    public int[] pcp(int cpu) {
        throw unread();
    }

    @Override
    public int statThreshold() {
        throw unread();
    }

    @Override
    public long[] numaStats() {
        throw unread();
    }

    @Override
    public int unusableIndex(int order) {
        throw unread();
    }

    @Override
    public int fragmentationIndex(int order) {
        throw unread();
    }

    private static UnsupportedOperationException unread() {
        return new UnsupportedOperationException("the fake zone has no buddy lists");
    }
}
