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
    final BitSet dirty = new BitSet();
    /**
     * The pages by index ({@code mapping->i_pages}, an xarray in Linux): chunks of {@link #CHUNK} pfns made as pages
     * are cached, so a sparse file (or the block device, whose directory blocks sit far out) costs only the chunks it
     * uses, and a sequential read walks an array.
     */
    private int[][] pages = new int[0][];
    /** Pages cached in each chunk: a search skips the empty ones. */
    private int[] inChunk = new int[0];
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
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

    /** The pfn of the cached page at {@code index}, or -1. */
    long pfnAt(long index) {
        long chunk = index >>> CHUNK_SHIFT;
        if (chunk >= pages.length || pages[(int) chunk] == null) {
            return -1;
        }
        return pages[(int) chunk][(int) (index & (CHUNK - 1))];
    }

    /** Caches {@code pfn} at {@code index}. */
    void setPfn(long index, long pfn) {
        int chunk = (int) (index >>> CHUNK_SHIFT);
        if (chunk >= pages.length) {
            int length = Math.max(chunk + 1, pages.length * 2);
            pages = java.util.Arrays.copyOf(pages, length);
            inChunk = java.util.Arrays.copyOf(inChunk, length);
        }
        if (pages[chunk] == null) {
            pages[chunk] = new int[CHUNK];
            java.util.Arrays.fill(pages[chunk], -1);
        }
        int slot = (int) (index & (CHUNK - 1));
        if (pages[chunk][slot] < 0) {
            inChunk[chunk]++;
        }
        pages[chunk][slot] = (int) pfn;
    }

    /** Forgets the page at {@code index}. */
    void clearPfn(long index) {
        int chunk = (int) (index >>> CHUNK_SHIFT);
        int slot = (int) (index & (CHUNK - 1));
        if (pages[chunk][slot] >= 0) {
            inChunk[chunk]--;
            pages[chunk][slot] = -1;
        }
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
        return pfnAt(index) >= 0;
    }

    /** The next dirty page at or after {@code from}, or -1. */
    public long nextDirty(long from) {
        return from > Integer.MAX_VALUE ? -1 : dirty.nextSetBit((int) from);
    }

    /** The next cached page at or after {@code from}, or -1. */
    public long nextCached(long from) {
        for (long chunk = from >>> CHUNK_SHIFT; chunk < pages.length; chunk++) {
            if (inChunk[(int) chunk] == 0) {
                continue;
            }
            int[] chunkPages = pages[(int) chunk];
            int start = chunk == from >>> CHUNK_SHIFT ? (int) (from & (CHUNK - 1)) : 0;
            for (int i = start; i < CHUNK; i++) {
                if (chunkPages[i] >= 0) {
                    return (chunk << CHUNK_SHIFT) + i;
                }
            }
        }
        return -1;
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
