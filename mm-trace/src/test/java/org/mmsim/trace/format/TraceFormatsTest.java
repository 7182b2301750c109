package org.mmsim.trace.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Each format on small samples with the quirks of the real files, and each way a trace can be bad. */
class TraceFormatsTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    private Path text(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] read(Path file) {
        return Keys.of(file, TraceOptions.detect());
    }

    private static long[] read(Path file, TraceFormat format) {
        return Keys.of(file, TraceOptions.of(format));
    }

    @Test
    void textSkipsMarkersAndEmptyLinesAndTakesCrlfAndNoFinalNewline() throws IOException {
        assertArrayEquals(new long[] {0, 1, 2, 7}, read(text("a.trace", "0\r\n1\r\n*\r\n\r\n2\r\n 7 ")));
        assertArrayEquals(new long[] {4217, 5}, read(text("b.trace", "4217\n5\n\n")));
    }

    @Test
    void addressKeysAreAddressesOrPages() throws IOException {
        Path trace = text("gcc.trace", "s 0x1fffff50 1\nl 0x1fffff58 1\nl 0x1fffff88 6\n");
        assertArrayEquals(new long[] {0x1fffff50L, 0x1fffff58L, 0x1fffff88L}, read(trace));
        assertArrayEquals(new long[] {0x1ffff, 0x1ffff, 0x1ffff},
                Keys.of(trace, new TraceOptions(java.util.Optional.empty(), java.util.Optional.of(4096L), 1, ',', false)));
    }

    @Test
    void lackeyCountsEachPageAnAccessTouchesAndIgnoresOtherLines() throws IOException {
        Path trace = text("ls.lackey", "==8640== Lackey, an example Valgrind tool\n==8640== \nI  0401ab70,3\n"
                + " L 1fff000730,8\n S 0000fffe,4\n M 0422b2c0,4\nsome program output\n");
        // 0xfffe + 4 bytes straddles pages 0xf and 0x10.
        assertArrayEquals(new long[] {0x401a, 0x1fff000, 0xf, 0x10, 0x422b}, read(trace));
    }

    @Test
    void csvTakesTheKeyColumnAndSkipsAHeader() throws IOException {
        Path trace = text("t.csv", "time;id;size\n1;42;100\n2;\"43\";100\n");
        assertArrayEquals(new long[] {42, 43}, Keys.of(trace, new TraceOptions(java.util.Optional.of(TraceFormat.CSV),
                java.util.Optional.empty(), 2, ';', true)));
    }

    @Test
    void binaryRecordsAreReadAtTheirWidthAndSign() throws IOException {
        byte[] records = {0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
        Path trace = file("raw.bin", records);
        assertArrayEquals(new long[] {5, 0xfffffffeL}, read(trace, TraceFormat.U32BE));
        assertArrayEquals(new long[] {5, -2}, read(trace, TraceFormat.I32BE));
        assertArrayEquals(new long[] {0x5fffffffeL}, read(trace, TraceFormat.I64BE));
    }

    @Test
    void oracleGeneralRecordsKeyOnTheObjectId() throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(1).putLong(77).putInt(4096).putLong(1);
        buffer.putInt(2).putLong(77).putInt(4096).putLong(-1);
        assertArrayEquals(new long[] {77, 77}, read(file("og.bin", buffer.array()), TraceFormat.ORACLE_GENERAL));
    }

    @Test
    void compressionIsRecognisedByMagicBytesWhateverTheName() throws IOException {
        byte[] plain = "1\n2\n3\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(new long[] {1, 2, 3}, read(file("gz.txt", compress(plain, GZIPOutputStream::new))));
        assertArrayEquals(new long[] {1, 2, 3}, read(file("xz.txt", compress(plain, o -> new XZOutputStream(o, new LZMA2Options())))));
        assertArrayEquals(new long[] {1, 2, 3}, read(file("zst.txt", compress(plain, ZstdOutputStream::new))));
    }

    interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] plain, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    @Test
    void aNonNumericKeyNamesItsRecord() throws IOException {
        Path trace = text("bad.trace", "1\n2\nthree\n");
        assertEquals(trace + ": record 3: 'three'; expected one decimal key per line",
                assertThrows(TraceException.class, () -> read(trace, TraceFormat.TEXT)).getMessage());
    }

    @Test
    void aTruncatedBinaryRecordNamesItsRecord() throws IOException {
        Path trace = file("short.bin", new byte[] {0, 0, 0, 1, 0, 0});
        assertEquals(trace + ": record 2: truncated, 2 of 4 bytes; expected whole 4-byte records",
                assertThrows(TraceException.class, () -> read(trace, TraceFormat.U32BE)).getMessage());
    }

    @Test
    void aCorruptOrTruncatedCompressedFileIsReported() throws IOException {
        byte[] xz = compress("1\n2\n3\n4\n5\n".repeat(1000).getBytes(StandardCharsets.US_ASCII),
                o -> new XZOutputStream(o, new LZMA2Options()));
        Path truncated = file("cut.xz", java.util.Arrays.copyOf(xz, xz.length / 2));
        String message = assertThrows(TraceException.class, () -> read(truncated, TraceFormat.TEXT)).getMessage();
        assertTrue(message.matches(java.util.regex.Pattern.quote(truncated.toString())
                + ": corrupt or truncated xz data after record \\d+: .+"), message);
        assertTrue(!message.endsWith("null"), message);
        Path binary = file("cut-binary.xz", java.util.Arrays.copyOf(compress(new byte[40_000], o -> new XZOutputStream(o, new LZMA2Options())), 100));
        assertTrue(assertThrows(TraceException.class, () -> read(binary, TraceFormat.U32BE)).getMessage()
                .startsWith(binary + ": corrupt or truncated xz data after record"));
        byte[] gz = compress("1\n2\n".getBytes(StandardCharsets.US_ASCII), GZIPOutputStream::new);
        gz[gz.length - 12] ^= 0x55;
        Path corrupt = file("bad.gz", gz);
        assertThrows(TraceException.class, () -> read(corrupt, TraceFormat.TEXT));
    }

    @Test
    void binaryContentIsNeverGuessedAndMixedTextIsRefused() throws IOException {
        Path binary = file("b.bin", new byte[] {0, 0, 0, 1, 0, 0, 0, 2});
        assertEquals(binary + ": binary records, whose width the content does not tell; expected --format u32be, i32be, i64be or oracle-general",
                assertThrows(TraceException.class, () -> read(binary)).getMessage());
        Path mixed = text("m.trace", "1\nl 0x10 1\n");
        assertThrows(TraceException.class, () -> read(mixed));
        assertEquals(TraceFormat.LACKEY, TraceFormat.detect("==1== hi\nanything\n".getBytes(StandardCharsets.US_ASCII), 18));
    }

    @Test
    void aMissingFileIsReported() {
        Path none = dir.resolve("none");
        assertEquals(none + ": no such file; expected a trace file",
                assertThrows(TraceException.class, () -> read(none, TraceFormat.TEXT)).getMessage());
    }
}
