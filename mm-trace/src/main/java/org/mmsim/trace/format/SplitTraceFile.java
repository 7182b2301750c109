package org.mmsim.trace.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * The trace files whose records can be decoded in parallel ({@link ParallelRecords}): an uncompressed file, read a
 * million records at a time from a memory map, and an xz file of more than one block (as {@code xz -T0} writes them),
 * read a block at a time, each block's records by a decompressor of their own. A single-block xz file, and gzip and
 * zstd streams, can only be decompressed from the start by one thread: they are read as streams.
 */
final class SplitTraceFile {
    /** Records a range of an uncompressed file. */
    static final int BLOCK = 1 << 20;

    private SplitTraceFile() {
    }

    /**
     * Decodes {@code file} in parallel into {@code sink} if its compression allows.
     *
     * @return false if it does not (nothing was read then)
     * @throws TraceException for a record cut short at the end, after the whole records went to the sink
     */
    static boolean decode(Path file, TraceFile.Compression compression, BinaryReader.Layout layout, BlockSink sink) {
        try {
            if (compression == TraceFile.Compression.NONE) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = channel.size();
                    ParallelRecords.decode(file.toString(),
                            (from, length) -> channel.map(FileChannel.MapMode.READ_ONLY, from, length),
                            ParallelRecords.ranges(size / layout.size, BLOCK), layout, sink);
                    checkWhole(file, size, layout);
                }
                return true;
            }
            if (compression == TraceFile.Compression.XZ) {
                return decodeXz(file, layout, sink);
            }
            return false;
        } catch (IOException e) {
            throw new TraceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean decodeXz(Path file, BinaryReader.Layout layout, BlockSink sink) throws IOException {
        List<ParallelRecords.Range> ranges = new ArrayList<>();
        long size;
        try (SeekableXZInputStream xz = open(file)) {
            if (xz.getBlockCount() < 2) {
                return false;
            }
            size = xz.length();
            // Each xz block's records: those that start in it (the last may end in the next block).
            long first = 0;
            for (int b = 0; b < xz.getBlockCount(); b++) {
                long end = Math.min(size / layout.size,
                        (xz.getBlockPos(b) + xz.getBlockSize(b) + layout.size - 1) / layout.size);
                if (end - first > Integer.MAX_VALUE / layout.size) {
                    return false;
                }
                if (end > first) {
                    ranges.add(new ParallelRecords.Range(first, (int) (end - first)));
                }
                first = Math.max(first, end);
            }
        }
        ParallelRecords.decode(file.toString(), (from, length) -> {
            try (SeekableXZInputStream xz = open(file)) {
                xz.seek(from);
                return ByteBuffer.wrap(readFully(xz, length));
            }
        }, ranges, layout, sink);
        checkWhole(file, size, layout);
        return true;
    }

    private static SeekableXZInputStream open(Path file) throws IOException {
        return new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()));
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("the data ends too soon");
        }
        return bytes;
    }

    private static void checkWhole(Path file, long size, BinaryReader.Layout layout) {
        long records = size / layout.size;
        long tail = size - records * layout.size;
        if (tail > 0) {
            throw new TraceException(file + ": record " + (records + 1) + ": truncated, " + tail + " of "
                    + layout.size + " bytes; expected whole " + layout.size + "-byte records");
        }
    }
}
