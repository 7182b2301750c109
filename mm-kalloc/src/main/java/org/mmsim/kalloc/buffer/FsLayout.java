package org.mmsim.kalloc.buffer;

import java.util.HashMap;
import java.util.Map;

/**
 * Where an ext4-like file system with 4 KiB blocks keeps its metadata on the disk, and which blocks each operation
 * reads or dirties through the buffer cache. A simple model of one block group:
 * <ul>
 *   <li>block 0 holds the superblock (at byte 1024), block 1 the group descriptors, block 2 the block bitmap, block 3
 *       the inode bitmap; the inode table starts at block 4, 16 inodes of 256 bytes (ext4's default inode size) a
 *       block, inode N in block {@code 4 + (N - 1) / 16};</li>
 *   <li>each directory has one block of entries (ext4 reads directories through the buffer cache,
 *       {@code ext4_bread()}), numbered from block 2^20 on in the order directories are first seen (past the
 *       inode table of the first 16 M inodes; low, as the block device's cache keeps a bitmap by block); the root
 *       directory is inode 2 ({@code EXT4_ROOT_INO}), other directories get inodes from 12 on (11 is lost+found);</li>
 *   <li>mounting reads the superblock, the group descriptors, the root's inode and the root directory
 *       ({@code ext4_fill_super()});</li>
 *   <li>looking a path up ({@code link_path_walk()}) reads, for each directory on the way, its inode's block and its
 *       entries' block, then the file's inode block ({@code iget}) — once each, then they are cached;</li>
 *   <li>creating a file also dirties the inode bitmap, the group descriptors (free counts), the block bitmap (when it
 *       has blocks), its inode's block and its directory's block; a write that changes a file's size dirties its
 *       inode's block.</li>
 * </ul>
 * Journalling is not modelled: metadata is written in place by the flusher, as on ext2.
 */
public final class FsLayout {
    static final long SUPERBLOCK = 0;
    static final long GROUP_DESCRIPTORS = 1;
    static final long BLOCK_BITMAP = 2;
    static final long INODE_BITMAP = 3;
    static final long INODE_TABLE = 4;
    static final long INODES_PER_BLOCK = 16;
    static final long DIRECTORY_BLOCKS = 1L << 20;
    static final long ROOT_INO = 2;
    private final BufferHeads buffers;
    private final Map<String, long[]> directories = new HashMap<>();
    private long nextDirectoryInode = 12;

    public FsLayout(BufferHeads buffers) {
        this.buffers = buffers;
        directories.put("/", new long[] {ROOT_INO, DIRECTORY_BLOCKS});
    }

    /** The block of inode {@code ino} in the inode table. */
    static long inodeBlock(long ino) {
        return INODE_TABLE + (ino - 1) / INODES_PER_BLOCK;
    }

    /** {@code mount}: the superblock, the group descriptors, the root inode and the root directory. */
    public void mount() {
        buffers.bread(SUPERBLOCK);
        buffers.bread(GROUP_DESCRIPTORS);
        buffers.bread(inodeBlock(ROOT_INO));
        buffers.bread(DIRECTORY_BLOCKS);
    }

    /** The directory containing {@code path}: {@code /a/b} for {@code /a/b/c}; a relative path is under {@code /}. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The inode and entries block of directory {@code dir}, numbered when first seen. */
    private long[] directory(String dir) {
        long[] known = directories.get(dir);
        if (known == null) {
            known = new long[] {nextDirectoryInode++, DIRECTORY_BLOCKS + directories.size()};
            directories.put(dir, known);
        }
        return known;
    }

    /** Reads the directories leading to {@code path}, from the root down ({@code link_path_walk()}). */
    private long[] walk(String path) {
        String dir = parent(path);
        if (!dir.equals("/")) {
            walk(dir);
        }
        long[] d = directory(dir);
        buffers.bread(inodeBlock(d[0]));
        buffers.bread(d[1]);
        return d;
    }

    /** A lookup of the file {@code path} with inode {@code ino}: its directories, then its inode. */
    public void lookup(String path, long ino) {
        walk(path);
        buffers.bread(inodeBlock(ino));
    }

    /** Creating the file {@code path} with inode {@code ino} ({@code ext4_create()}): what it reads and dirties. */
    public void create(String path, long ino, boolean hasBlocks) {
        long[] dir = walk(path);
        buffers.markBufferDirty(INODE_BITMAP);
        buffers.markBufferDirty(GROUP_DESCRIPTORS);
        if (hasBlocks) {
            buffers.markBufferDirty(BLOCK_BITMAP);
        }
        buffers.markBufferDirty(inodeBlock(ino));
        buffers.markBufferDirty(dir[1]);
    }

    /** The inode changed ({@code mark_inode_dirty()} with a new size): its block is dirtied. */
    public void inodeChanged(long ino) {
        buffers.markBufferDirty(inodeBlock(ino));
    }
}
