package org.mmsim.api.kalloc;

/**
 * The file system calls that go through the page cache, on one ext4-like file system on one disk: {@code creat()},
 * {@code read()} ({@code filemap_read()} with readahead, mm/filemap.c and mm/readahead.c), {@code write()}
 * ({@code generic_perform_write()}, then {@code balance_dirty_pages_ratelimited()}, mm/page-writeback.c),
 * {@code fsync()}, {@code sync()} (fs/sync.c) and {@code echo N > /proc/sys/vm/drop_caches} (fs/drop_caches.c).
 * File metadata (the superblock, inode tables, directories) lives in buffer heads on the block device's own
 * address space (fs/buffer.c), counted as Buffers.
 *
 * <p>Each process has its own open file per path, so its own readahead state ({@code struct file_ra_state}). A
 * write stores content tokens in the pages it dirties; writeback copies them to the simulated disk, so a page dropped
 * and read again holds what was written.
 *
 * <p>A call given a null {@link FileRef} fails with {@link org.mmsim.api.paging.SyscallException} EBADF, as a call on
 * a file descriptor that is not open does.
 */
public interface Files {
    /**
     * Creates the file at {@code path} with {@code size} bytes already on disk ({@code creat()} and
     * {@code fallocate()}): its inode, the inode bitmap and its directory's block are dirtied in the buffer cache.
     *
     * @throws org.mmsim.api.paging.SyscallException EEXIST if there is a file at {@code path}; EINVAL for a size
     *     below 0 or a path that does not start with {@code /}; EFAULT for a null path
     */
    FileRef create(String path, long size);

    /** The file's size now ({@code i_size_read()}): a write past the end extends it. */
    long size(FileRef file);

    /**
     * {@code pread(fd, buf, length, offset)} by task {@code pid}: the pages come from the page cache; missing ones
     * are read from disk with readahead.
     *
     * @param tokens if not null, receives the content token of each page read, in order (as many as the result's
     *     pages; the array must be large enough)
     * @throws org.mmsim.api.paging.SyscallException ENOMEM if no page could be read for lack of memory; EINVAL for
     *     a negative offset or length
     */
    FileIo read(int pid, FileRef file, long offset, long length, long[] tokens);

    /**
     * {@code pwrite(fd, buf, length, offset)} by task {@code pid}: every page the range covers gets new content and
     * becomes dirty; the task may then be throttled ({@code balance_dirty_pages()}), sleeping in simulated time.
     *
     * @param tokens the content each page gets, in order; null for new tokens the cache makes up
     * @throws org.mmsim.api.paging.SyscallException ENOMEM without memory for a page; EINVAL for a negative offset
     *     or length
     */
    FileIo write(int pid, FileRef file, long offset, long length, long[] tokens);

    /** {@code fsync()}: writes every dirty page of the file and waits, in simulated time, until they are on disk. */
    FileIo fsync(int pid, FileRef file);

    /** {@code sync()}: writes every dirty page of every file and the buffer cache, and waits until all are on disk. */
    FileIo sync();

    /**
     * {@code echo mode > /proc/sys/vm/drop_caches}: 1 drops the clean, unmapped page cache (buffers included), 2
     * shrinks the slab caches, 3 both; 4 only silences the kernel's log line. Counts drop_pagecache and drop_slab.
     *
     * @return the pages dropped from the page cache
     * @throws IllegalArgumentException for a mode outside 1..4
     */
    long dropCaches(int mode);

    /** The last value written to {@code vm.drop_caches} (0 before any). */
    int lastDropCaches();

    /** Pages of the block devices' page caches ({@code nr_blockdev_pages()}): meminfo's Buffers. */
    long bufferPages();

    /** The I/O accounting of task {@code pid} (zeroes for a task that did no I/O). */
    TaskIo io(int pid);
}
