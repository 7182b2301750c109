package org.mmsim.kalloc.filemap;

import java.util.BitSet;
import org.mmsim.api.kalloc.FileRef;

/**
 * One inode's page cache ({@code struct address_space}, include/linux/fs.h): which of its pages are cached, dirty
 * and under writeback, by index, and since when the inode has been dirty ({@code inode->dirtied_when}, in jiffies).
 * A disk file, a shmem file, or the block device itself, whose pages are the buffer cache.
 */
public final class AddressSpace {
    private final long inode;
    private final String path;
    private final String device;
    private final boolean shmem;
    private final boolean blockdev;
    private FileRef ref;
    long size;
    final BitSet cached = new BitSet();
    final BitSet dirty = new BitSet();
    long nrpages;
    long nrDirty;
    long nrWriteback;
    long dirtiedWhen;
    long writebackIndex;

    AddressSpace(long inode, String device, String path, long size, boolean shmem, boolean blockdev) {
        this.inode = inode;
        this.device = device;
        this.path = path;
        this.size = size;
        this.shmem = shmem;
        this.blockdev = blockdev;
        this.ref = new FileRef(inode, device, path, size, shmem);
    }

    public long inode() {
        return inode;
    }

    public String path() {
        return path;
    }

    /** Whether the pages are shared memory, with no disk behind them. */
    public boolean shmem() {
        return shmem;
    }

    /** Whether this is a block device's own mapping (its pages are Buffers). */
    public boolean blockdev() {
        return blockdev;
    }

    /** The file as the API names it, with its size now. */
    public FileRef ref() {
        if (ref.size() != size) {
            ref = new FileRef(inode, device, path, size, shmem);
        }
        return ref;
    }

    /** {@code i_size}. */
    public long size() {
        return size;
    }

    /** Pages of the file: the size rounded up to pages. */
    public long sizePages() {
        return (size + 4095) >>> 12;
    }

    /** Pages in the cache ({@code mapping->nrpages}). */
    public long nrpages() {
        return nrpages;
    }

    /** Dirty pages. */
    public long nrDirty() {
        return nrDirty;
    }

    /** Pages under writeback. */
    public long nrWriteback() {
        return nrWriteback;
    }

    /** When the inode became dirty, in jiffies; meaningful while it has dirty pages. */
    public long dirtiedWhen() {
        return dirtiedWhen;
    }

    /** Whether page {@code index} is cached. */
    public boolean isCached(long index) {
        return index <= Integer.MAX_VALUE && cached.get((int) index);
    }

    /** The next dirty page at or after {@code from}, or -1. */
    public long nextDirty(long from) {
        return from > Integer.MAX_VALUE ? -1 : dirty.nextSetBit((int) from);
    }

    /** The next cached page at or after {@code from}, or -1. */
    public long nextCached(long from) {
        return from > Integer.MAX_VALUE ? -1 : cached.nextSetBit((int) from);
    }

    /** Where cyclic writeback resumes ({@code mapping->writeback_index}). */
    public long writebackIndex() {
        return writebackIndex;
    }

    public void setWritebackIndex(long index) {
        writebackIndex = index;
    }

    @Override
    public String toString() {
        return path + " (inode " + inode + ")";
    }
}
