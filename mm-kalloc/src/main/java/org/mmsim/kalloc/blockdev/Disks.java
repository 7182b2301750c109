package org.mmsim.kalloc.blockdev;

import org.mmsim.api.kernel.BlockDevices;
import org.mmsim.api.kernel.BlockQueue;

/**
 * The machine's disks: {@code /dev/vda}, whose request queue the files (and swap files) use, and, with the machine
 * key {@code swap_disk}, {@code /dev/vdb} with a queue of its own for swap partitions on it. A task's plug
 * ({@link #taskQueue()}) is the first disk's queue alone, or, with two disks, {@link DiskPair}: what a fault or a
 * reclaim pass plugged goes to each disk's queue, and its unplug submits both.
 */
public final class Disks implements BlockDevices {
    private final RequestQueue vda;
    private final RequestQueue vdb;
    private final BlockQueue task;

    /** The disks: {@code vdb} null for a machine of one disk. */
    public Disks(RequestQueue vda, RequestQueue vdb) {
        this.vda = vda;
        this.vdb = vdb;
        this.task = vdb == null ? vda : new DiskPair(vda, vdb);
    }

    /** The first disk's request queue: the file system's. */
    public RequestQueue vda() {
        return vda;
    }

    /** The queue a task's plug and its waits go through: the first disk's, or both disks'. */
    public BlockQueue taskQueue() {
        return task;
    }

    @Override
    public BlockQueue queueOf(String path) {
        return vdb != null && onSecondDisk(path) ? vdb : vda;
    }

    /** Whether {@code path} is the second disk or one of its partitions ({@code /dev/vdb}, {@code /dev/vdb2}). */
    static boolean onSecondDisk(String path) {
        return path.startsWith("/dev/vdb") && path.substring("/dev/vdb".length()).chars().allMatch(Character::isDigit);
    }
}
