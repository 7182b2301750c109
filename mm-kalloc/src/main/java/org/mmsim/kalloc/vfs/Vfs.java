package org.mmsim.kalloc.vfs;

import org.mmsim.api.physical.Gfp;
import org.mmsim.api.kalloc.SlabAllocator;
import java.util.Map;
import java.util.HashMap;
import java.util.ArrayList;

import java.util.List;
import java.util.Optional;

import org.mmsim.api.kalloc.FileIo;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.Files;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kalloc.TaskIo;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.kalloc.buffer.FsLayout;
import org.mmsim.kalloc.filemap.AddressSpace;
import org.mmsim.kalloc.filemap.FilePages;
import org.mmsim.kalloc.filemap.ReadWrite;
import org.mmsim.kalloc.writeback.Flusher;

/**
 * The file system calls and the page cache as the other layers see them: paths to inodes (with the metadata reads a
 * lookup costs the first time, fs/namei.c), {@code read()} and {@code write()} ({@link ReadWrite}), {@code fsync()}
 * and {@code sync()} (fs/sync.c), {@code drop_caches} (fs/drop_caches.c), and the page lookups of file faults
 * ({@code filemap_fault()} with mmap read-around, {@code filemap_map_pages()}).
 *
 * <p>An inode, once looked up, stays in the inode cache (a slab): later lookups read no metadata until
 * {@code drop_caches} 2 prunes the dentry and inode caches.
 */
public final class Vfs implements Files, PageCache {
    /** The default {@code ra_pages}: read_ahead_kb = 128 (VM_READAHEAD_PAGES in include/linux/mm.h). */
    private static final long READ_AROUND_PAGES = 32;
    private final FilePages cache;
    private final org.mmsim.api.kernel.MemoryHooks shrinkers;
    private final ReadWrite rw;
    private final Flusher flusher;
    private final FsLayout fs;
    private final PageFrames frames;
    private final VmStat vmstat;
    /** The inodes in the inode cache, each with its ext4_inode_cache and dentry objects' addresses. */
    private final Map<Long, long[]> icache = new HashMap<>();
    private final SlabAllocator slab;
    private final int inodeCache;
    private final int dentryCache;
    /** The inode the last call resolved, kept while it stays in the inode cache. */
    private AddressSpace lastResolved;
    private int lastDropCaches;

    public Vfs(FilePages cache, ReadWrite rw, Flusher flusher, FsLayout fs, SlabAllocator slab,
               org.mmsim.api.kernel.MemoryHooks shrinkers) {
        this.shrinkers = shrinkers;
        this.slab = slab;
        this.inodeCache = slab.findCache("ext4_inode_cache");
        this.dentryCache = slab.findCache("dentry");
        this.cache = cache;
        this.rw = rw;
        this.flusher = flusher;
        this.fs = fs;
        this.frames = cache.frames();
        this.vmstat = cache.vmstat();
        fs.mount();
    }

    /** Resolves a disk file's path; the first lookup since its inode left the inode cache reads the metadata. */
    private AddressSpace resolve(FileRef file) {
        if (file == null) {
            // fdget() of no open file.
            throw new SyscallException("EBADF", "no file (null)");
        }
        AddressSpace last = lastResolved;
        if (last != null && last.inode() == file.inode()) {
            return last;
        }
        AddressSpace mapping = cache.byInode(file.inode());
        if (mapping == null) {
            throw new IllegalArgumentException("no inode " + file.inode() + " (" + file.path() + ") in this machine's page cache");
        }
        iget(mapping);
        lastResolved = mapping;
        return mapping;
    }

    private void iget(AddressSpace mapping) {
        if (!mapping.shmem() && !mapping.blockdev() && !icache.containsKey(mapping.inode())) {
            icacheAdd(mapping.inode());
            fs.lookup(mapping.path(), mapping.inode());
        }
    }

    /** The inode and its dentry come into memory as slab objects ({@code ext4_alloc_inode()}, {@code d_alloc()}). */
    private void icacheAdd(long inode) {
        icache.put(inode, new long[] {slab.kmemCacheAlloc(inodeCache, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE),
            slab.kmemCacheAlloc(dentryCache, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE)});
    }

    // ---- PageCache: what the paging layer maps files through

    @Override
    public FileRef file(String path, long size) {
        AddressSpace mapping = cache.byPath(path);
        if (mapping == null) {
            // A file the machine finds on its disk (a program, a library, a scenario's mmap file=PATH).
            mapping = cache.newFile(path, size);
        }
        iget(mapping);
        return mapping.ref();
    }

    @Override
    public FileRef shmem(String name, long size) {
        // Each shared anonymous mapping is its own unnamed shmem file, as shmem_zero_setup() makes one.
        return cache.newShmem(name, size).ref();
    }

    @Override
    public Optional<FileRef> lookup(String path) {
        AddressSpace mapping = cache.byPath(path);
        return mapping == null ? Optional.empty() : Optional.of(mapping.ref());
    }

    @Override
    public boolean evict(long pfn, long shadow) {
        AddressSpace mapping = cache.mappingOf(pfn);
        return mapping != null && cache.evict(mapping, frames.index(pfn), shadow);
    }

    @Override
    public boolean writePage(long pfn) {
        AddressSpace mapping = cache.mappingOf(pfn);
        return mapping != null && flusher.pageout(mapping, frames.index(pfn));
    }

    @Override
    public long fileSize(FileRef file) {
        // No iget(): a fault reads the size of an inode its mapping holds already.
        AddressSpace mapping = cache.byInode(file.inode());
        return mapping == null ? file.size() : mapping.size();
    }

    @Override
    public long findPage(FileRef file, long index) {
        AddressSpace mapping = cache.byInode(file.inode());
        long pfn = mapping == null ? -1 : cache.find(mapping, index);
        if (pfn >= 0) {
            frames.getPage(pfn);
        }
        return pfn;
    }

    @Override
    public long getPage(FileRef file, long index) {
        AddressSpace mapping = cache.byInode(file.inode());
        long pfn = cache.find(mapping, index);
        if (pfn >= 0) {
            frames.getPage(pfn);
            return pfn;
        }
        pfn = cache.add(mapping, index, false);
        if (pfn < 0) {
            return -1;
        }
        frames.getPage(pfn);
        if (!mapping.shmem()) {
            readAround(mapping, index);
        }
        return pfn;
    }

    /**
     * {@code do_sync_mmap_readahead()}'s read-around: a mapped page read from disk brings the {@code ra_pages} (32,
     * read_ahead_kb = 128) pages centred on it into the cache, those the file has and the cache lacks, as far as
     * memory allows. The mapping's size is the one it was mapped with.
     */
    private void readAround(AddressSpace mapping, long index) {
        long start = Math.max(0, index - READ_AROUND_PAGES / 2);
        long end = Math.min(start + READ_AROUND_PAGES, mapping.sizePages());
        for (long i = start; i < end; i++) {
            if (i != index && cache.find(mapping, i) < 0 && cache.add(mapping, i, false) < 0) {
                return;
            }
        }
    }

    @Override
    public void setPageDirty(long pfn) {
        cache.markDirty(pfn);
    }

    @Override
    public long pages() {
        return cache.pages();
    }

    // ---- Files: the system calls

    @Override
    public FileRef create(String path, long size) {
        if (path == null) {
            throw new SyscallException("EFAULT", "creat of a null path");
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new SyscallException("EINVAL", "creat " + path + ": expected an absolute path to a file");
        }
        if (size < 0 || size > ReadWrite.MAX_BYTES) {
            throw new SyscallException(size < 0 ? "EINVAL" : "EFBIG", "creat " + path + " of " + size + " bytes");
        }
        if (cache.byPath(path) != null) {
            throw new SyscallException("EEXIST", "creat " + path);
        }
        AddressSpace mapping = cache.newFile(path, size);
        icacheAdd(mapping.inode());
        fs.create(path, mapping.inode(), size > 0);
        return mapping.ref();
    }

    @Override
    public long size(FileRef file) {
        return resolve(file).size();
    }

    @Override
    public FileIo read(int pid, FileRef file, long offset, long length, long[] tokens) {
        return rw.read(pid, resolve(file), offset, length, tokens);
    }

    @Override
    public FileIo write(int pid, FileRef file, long offset, long length, long[] tokens) {
        AddressSpace mapping = resolve(file);
        long before = mapping.size();
        FileIo io = rw.write(pid, mapping, offset, length, tokens);
        if (mapping.size() != before) {
            // i_size_write() and mark_inode_dirty(): the inode's block in the inode table changes.
            fs.inodeChanged(mapping.inode());
        }
        return io;
    }

    @Override
    public FileIo fsync(int pid, FileRef file) {
        AddressSpace mapping = resolve(file);
        long[] done = flusher.writeAndWait(List.of(mapping));
        return new FileIo(0, 0, 0, 0, 0, done[0], done[1]);
    }

    @Override
    public FileIo sync() {
        // sync_inodes_sb() for the files, then sync_blockdev() for the metadata, all waited for.
        List<AddressSpace> files = new ArrayList<>();
        List<AddressSpace> blockdevs = new ArrayList<>();
        for (AddressSpace mapping : cache.mappings()) {
            (mapping.blockdev() ? blockdevs : files).add(mapping);
        }
        long[] data = flusher.writeAndWait(files);
        long[] metadata = flusher.writeAndWait(blockdevs);
        return new FileIo(0, 0, 0, 0, 0, data[0] + metadata[0], data[1] + metadata[1]);
    }

    @Override
    public long dropCaches(int mode) {
        // proc_dointvec_minmax with SYSCTL_ONE and SYSCTL_FOUR.
        if (mode < 1 || mode > 4) {
            throw new IllegalArgumentException("vm.drop_caches " + mode + "; expected 1 to 4");
        }
        lastDropCaches = mode;
        long dropped = 0;
        if ((mode & 1) != 0) {
            dropped = dropPagecache();
            vmstat.inc(VmItem.DROP_PAGECACHE);
        }
        if ((mode & 2) != 0) {
            dropSlab();
            vmstat.inc(VmItem.DROP_SLAB);
        }
        return dropped;
    }

    /**
     * {@code drop_pagecache_sb()} on every super block: {@code invalidate_mapping_pages()} of each inode, which frees
     * the pages that are clean, not under writeback and not mapped (dirty pages stay: {@code sync} first). Block
     * devices' buffers go too; shmem and tmpfs pages have no disk behind them and stay.
     */
    private long dropPagecache() {
        long dropped = 0;
        for (AddressSpace mapping : cache.mappings()) {
            if (mapping.shmem()) {
                continue;
            }
            for (long index = mapping.nextCached(0); index >= 0; index = mapping.nextCached(index + 1)) {
                if (cache.evict(mapping, index)) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /**
     * {@code drop_slab()}: every shrinker runs, at priority 0. The dentry and inode caches' shrinker is here: every
     * inode leaves the inode cache, so the next lookup of its path reads its metadata blocks again; the others are
     * registered ({@link org.mmsim.api.kernel.MemoryHooks#shrinkSlab}). The slab caches' own shrinking is
     * kmem_cache_shrink's business, not drop_caches'.
     */
    private void dropSlab() {
        shrinkers.shrinkSlab(0);
        for (long[] objects : icache.values()) {
            if (objects[0] != 0) {
                slab.kmemCacheFree(inodeCache, objects[0]);
            }
            if (objects[1] != 0) {
                slab.kmemCacheFree(dentryCache, objects[1]);
            }
        }
        icache.clear();
        lastResolved = null;
    }

    @Override
    public int lastDropCaches() {
        return lastDropCaches;
    }

    @Override
    public long bufferPages() {
        return cache.blockdevPages();
    }

    @Override
    public TaskIo io(int pid) {
        return rw.taskIo(pid);
    }

    @Override
    public void registerLru(org.mmsim.api.kernel.Lru lru) {
        cache.registerLru(lru);
    }
}
