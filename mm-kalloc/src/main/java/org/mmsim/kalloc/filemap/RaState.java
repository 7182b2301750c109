package org.mmsim.kalloc.filemap;

/**
 * One open file's readahead state ({@code struct file_ra_state}, include/linux/fs.h): the current window
 * {@code [start, start + size)}, of which the last {@code asyncSize} pages are read ahead asynchronously (the first of
 * them carries PG_readahead), and where the previous read ended ({@code prev_pos}, -1 for a new file).
 */
public final class RaState {
    long start;
    long size;
    long asyncSize;
    long prevPos = -1;

    public long start() {
        return start;
    }

    public long size() {
        return size;
    }

    public long asyncSize() {
        return asyncSize;
    }

    public long prevPos() {
        return prevPos;
    }
}
