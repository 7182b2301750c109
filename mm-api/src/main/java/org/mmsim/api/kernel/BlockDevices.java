package org.mmsim.api.kernel;

/**
 * The machine's disks, by the paths on them: the first, {@code /dev/vda}, holds the file system, the swap file
 * {@code /swap.img} and any other swap file; a second, {@code /dev/vdb}, when the machine has one (machine key
 * {@code swap_disk}), holds the swap partitions {@code /dev/vdb} and {@code /dev/vdbN}. Each disk has its own
 * request queue, with its own bandwidth and latency.
 */
public interface BlockDevices {
    /**
     * The request queue of the disk that holds {@code path} ({@code bdev_get_queue()} of the file's or partition's
     * block device): the second disk's for {@code /dev/vdb} and its partitions when there is one, else the first's.
     */
    BlockQueue queueOf(String path);
}
