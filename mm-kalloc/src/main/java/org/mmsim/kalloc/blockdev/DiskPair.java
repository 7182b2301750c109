package org.mmsim.kalloc.blockdev;

import org.mmsim.api.DiskSpec;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.time.SimEvent;

/**
 * A task's plug over two disks ({@code blk_finish_plug()} flushes the plugged requests of every queue they are
 * for): file I/O goes to the first disk's queue, swap partition I/O to the second's (its submitters plug there
 * directly); {@link #unplug} submits both, and a task waits for the reads it plugged on either, not for the other
 * disk's. Waits the task defers and the tags it would wait for are both queues'.
 */
final class DiskPair implements BlockQueue {
    private final RequestQueue vda;
    private final RequestQueue vdb;

    DiskPair(RequestQueue vda, RequestQueue vdb) {
        this.vda = vda;
        this.vdb = vdb;
    }

    @Override
    public DiskSpec disk() {
        return vda.disk();
    }

    @Override
    public void plugRead(int pages) {
        vda.plugRead(pages);
    }

    @Override
    public void plugWrite(int pages) {
        vda.plugWrite(pages);
    }

    @Override
    public long unplug() {
        boolean fromA = vda.readsSinceUnplug();
        boolean fromB = vdb.readsSinceUnplug();
        long a = vda.unplug();
        long b = vdb.unplug();
        if (fromA || fromB) {
            // The reads this plug held, on whichever disks they went to.
            return Math.max(fromA ? a : 0, fromB ? b : 0);
        }
        return Math.max(a, b);
    }

    @Override
    public long submitWrite(int pages, SimEvent done) {
        return vda.submitWrite(pages, done);
    }

    @Override
    public long idleAt() {
        return Math.max(vda.idleAt(), vdb.idleAt());
    }

    @Override
    public boolean congested() {
        return vda.congested() || vdb.congested();
    }

    @Override
    public void ioWait(long doneNanos) {
        vda.ioWait(doneNanos);
    }

    @Override
    public void deferWaits(boolean defer) {
        vda.deferWaits(defer);
        vdb.deferWaits(defer);
    }

    @Override
    public long takeDeferredWait() {
        return Math.max(vda.takeDeferredWait(), vdb.takeDeferredWait());
    }
}
