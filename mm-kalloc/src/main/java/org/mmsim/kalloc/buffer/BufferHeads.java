package org.mmsim.kalloc.buffer;

import org.mmsim.kalloc.filemap.AddressSpace;
import org.mmsim.kalloc.filemap.FilePages;

/**
 * The buffer cache (fs/buffer.c): metadata blocks of the disk held in the block device's own page cache, one 4 KiB
 * block per page (the file system's block size is the page size, so each page has one buffer head). Their pages are
 * what meminfo calls Buffers ({@code nr_blockdev_pages()}); they are written back and dropped like any page cache page.
 */
public final class BufferHeads {
    private final FilePages cache;
    private final AddressSpace bdev;

    public BufferHeads(FilePages cache, AddressSpace bdev) {
        this.cache = cache;
        this.bdev = bdev;
    }

    /** The block device's mapping. */
    public AddressSpace bdev() {
        return bdev;
    }

    /**
     * {@code sb_bread()}: the block, read from disk into the buffer cache if it is not there.
     *
     * @return the pfn of its page, or -1 without memory
     */
    public long bread(long block) {
        long pfn = cache.find(bdev, block);
        return pfn >= 0 ? pfn : cache.add(bdev, block, false);
    }

    /**
     * {@code mark_buffer_dirty()} after a change to the block: it gets new content and is written back later.
     *
     * @return false without memory to read it
     */
    public boolean markBufferDirty(long block) {
        long pfn = bread(block);
        if (pfn < 0) {
            return false;
        }
        cache.frames().setContent(pfn, cache.nextToken());
        cache.markDirty(bdev, block, pfn);
        return true;
    }
}
