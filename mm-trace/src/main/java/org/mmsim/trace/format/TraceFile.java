package org.mmsim.trace.format;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.mmsim.spi.IoErrors;
import org.tukaani.xz.XZInputStream;

/**
 * Opens a trace file, recognising gzip, xz and zstd compression by their magic bytes (not by the name) and
 * decompressing as a stream, so a compressed trace is never held in memory whole.
 */
public final class TraceFile {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    /** The compression a trace file uses. */
    public enum Compression {
        NONE, GZIP, XZ, ZSTD
    }

    private TraceFile() {
    }

    /** The compression of the file, read from its first bytes. */
    public static Compression compressionOf(Path file) {
        byte[] head = new byte[6];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new TraceException(file + ": no such file; expected a trace file");
        } catch (IOException e) {
            throw new TraceException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        return compressionOf(head, n);
    }

    /** Opens the file's decompressed bytes; the file is opened once, so a pipe or FIFO loses nothing. */
    public static InputStream open(Path file) throws IOException {
        return decompress(openRaw(file));
    }

    /**
     * Opens the file's bytes as they are. A pipe or FIFO gets a {@link FileInputStream}: the stream of a channel asks
     * for its position, which a pipe does not have ("illegal seek").
     */
    static InputStream openRaw(Path file) throws IOException {
        try {
            return Files.isRegularFile(file) || !Files.exists(file) ? Files.newInputStream(file)
                    : new FileInputStream(file.toFile());
        } catch (NoSuchFileException e) {
            throw new TraceException(file + ": no such file; expected a trace file");
        }
    }

    /**
     * The decompressed bytes of a stream that may be gzip, xz or zstd, told by its first bytes (read ahead and given
     * back, so an uncompressed stream loses nothing).
     */
    public static InputStream decompress(InputStream in) throws IOException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        raw.mark(ZSTD.length + XZ.length);
        byte[] head = raw.readNBytes(XZ.length);
        raw.reset();
        switch (compressionOf(head, head.length)) {
            case GZIP:
                return new GZIPInputStream(raw, 1 << 16);
            case XZ:
                return new XZInputStream(raw);
            case ZSTD:
                return new ZstdInputStream(raw);
            default:
                return raw;
        }
    }

    private static Compression compressionOf(byte[] head, int n) {
        if (startsWith(head, n, GZIP)) {
            return Compression.GZIP;
        }
        if (startsWith(head, n, XZ)) {
            return Compression.XZ;
        }
        if (startsWith(head, n, ZSTD)) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
