package org.mmsim.api.kalloc;

/**
 * A file as the page cache knows it: an inode with an {@code address_space} (include/linux/fs.h).
 *
 * @param inode the inode number
 * @param device the device, as {@code major:minor}
 * @param path the path
 * @param size the size in bytes
 * @param shmem whether its pages are shared memory (tmpfs, shared anonymous mappings) rather than a disk file's
 */
public record FileRef(long inode, String device, String path, long size, boolean shmem) {
}
