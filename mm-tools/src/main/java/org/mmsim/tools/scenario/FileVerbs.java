package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mmsim.api.kalloc.FileIo;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.Files;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.tools.units.Sizes;

/**
 * The page cache's verbs: files on the simulated disk ({@code file create}), what a process does with them
 * ({@code NAME read}, {@code NAME write}, {@code NAME fsync}), and the machine-wide {@code sync} and
 * {@code drop_caches}. A failing system call prints what perror(3) would and the scenario goes on.
 */
final class FileVerbs {
    private FileVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("file", "file create PATH SIZE", "create a file of SIZE bytes on the simulated disk (its "
                        + "metadata goes through the buffer cache)", FileVerbs::fileCreate),
                Verb.plain("sync", "sync",
                        "write every dirty page and buffer back to disk and wait (simulated time passes)", FileVerbs::sync),
                Verb.plain("drop_caches", "drop_caches 1|2|3", "drop the clean page cache (1), the slab caches (2) or "
                        + "both (3), as echo N > /proc/sys/vm/drop_caches", FileVerbs::dropCaches),
                Verb.perProcess("read", "NAME read PATH [offset=N] [length=N]",
                        "read a file through the page cache (readahead; the whole file from offset by default)",
                        FileVerbs::read),
                Verb.perProcess("write", "NAME write PATH [offset=N] [length=N]", "write new content to a file "
                        + "through the page cache (the whole file from offset by default); writers over the dirty "
                        + "limit are throttled", FileVerbs::write),
                Verb.perProcess("fsync", "NAME fsync PATH",
                        "write a file's dirty pages to disk and wait (simulated time passes)", FileVerbs::fsync));
    }

    private static long size(ScenarioLine line, String what, String text) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw line.error(what + ": " + e.getMessage());
        }
    }

    private static String checkPath(ScenarioLine line, String path) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw line.error("'" + path + "'; expected an absolute PATH to a file, such as /data/file");
        }
        return path;
    }

    /** Simulated time as a person reads it: {@code 12.500 ms} or {@code 1.250 s}. */
    static String duration(long nanos) {
        return nanos < 1_000_000_000L ? String.format(Locale.ROOT, "%.3f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** A short fingerprint of the content tokens read, so that the same bytes print the same. */
    static String fingerprint(long[] tokens, int count) {
        long h = 0x243F6A8885A308D3L;
        for (int i = 0; i < count; i++) {
            h = (h ^ tokens[i]) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }

    /** {@code file create PATH SIZE}: a file of SIZE bytes on the simulated disk. */
    private static Step fileCreate(ScenarioLine line, String usage) {
        String sub = line.word(1, "create", usage);
        if (!sub.equals("create")) {
            throw line.error("'" + sub + "'; expected file create PATH SIZE");
        }
        line.expectWords(4, usage);
        String path = checkPath(line, line.words().get(2));
        long size = size(line, "SIZE", line.words().get(3));
        return session -> {
            Files files = session.machine().files();
            if (session.machine().pageCache().lookup(path).isPresent()) {
                throw line.error("file '" + path + "' exists; expected a new PATH");
            }
            try {
                files.create(path, size);
            } catch (SyscallException e) {
                throw line.error(e.getMessage());
            }
        };
    }

    /** {@code sync}: writes every dirty page back and waits, in simulated time. */
    private static Step sync(ScenarioLine line, String usage) {
        line.expectWords(1, usage);
        return session -> session.machine().files().sync();
    }

    /** {@code drop_caches N}: {@code echo N > /proc/sys/vm/drop_caches}. */
    private static Step dropCaches(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        int mode;
        try {
            mode = Integer.parseInt(line.words().get(1));
        } catch (NumberFormatException e) {
            mode = -1;
        }
        if (mode < 1 || mode > 4) {
            throw line.error("drop_caches '" + line.words().get(1) + "'; expected 1, 2 or 3 (or 4)");
        }
        int chosen = mode;
        return session -> session.machine().files().dropCaches(chosen);
    }

    /** The parts of {@code NAME read|write PATH [offset=N] [length=N]}. */
    private record Range(String path, long offset, Long length) {
        static Range parse(ScenarioLine line, String usage) {
            String path = checkPath(line, line.word(2, "PATH", usage));
            Map<String, String> o = line.options(3, usage, List.of("offset", "length"));
            long offset = size(line, "offset", o.getOrDefault("offset", "0"));
            Long length = o.containsKey("length") ? size(line, "length", o.get("length")) : null;
            return new Range(path, offset, length);
        }
    }

    /** Runs a file system call; a failure prints as perror(3) would. */
    private static void syscall(Session session, String process, String call, String path, Runnable body) {
        try {
            if (session.machine().pageCache().lookup(path).isEmpty()) {
                throw new SyscallException("ENOENT", "open " + path + ": no such file");
            }
            body.run();
        } catch (SyscallException e) {
            session.print(process + ": " + call + ": " + e.getMessage());
        }
    }

    private static FileRef file(Session session, String path) {
        return session.machine().pageCache().lookup(path).orElseThrow();
    }

    /** {@code NAME read PATH [offset=N] [length=N]}: {@code pread()} through the page cache. */
    private static Step read(String process, ScenarioLine line, String usage) {
        Range range = Range.parse(line, usage);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            syscall(session, process, "read", range.path(), () -> {
                Files files = session.machine().files();
                FileRef file = file(session, range.path());
                long length = range.length() != null ? range.length()
                        : Math.max(0, files.size(file) - range.offset());
                long pages = length == 0 ? 0 : ((range.offset() + length + 4095) >>> 12) - (range.offset() >>> 12);
                long[] tokens = new long[(int) Math.min(pages, Integer.MAX_VALUE - 8)];
                FileIo io = files.read(pid, file, range.offset(), length, tokens);
                session.print(String.format(Locale.ROOT,
                        "%s: read %d bytes of %s at %d: %d pages, %d in the page cache, %d from disk; %d kB read in; content %s",
                        process, io.bytes(), range.path(), range.offset(), io.pages(), io.hits(), io.misses(),
                        io.pagesIn() * 4, fingerprint(tokens, (int) io.pages())));
            });
        };
    }

    /** {@code NAME write PATH [offset=N] [length=N]}: {@code pwrite()} of new content, dirtying the cache. */
    private static Step write(String process, ScenarioLine line, String usage) {
        Range range = Range.parse(line, usage);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            syscall(session, process, "write", range.path(), () -> {
                Files files = session.machine().files();
                FileRef file = file(session, range.path());
                long length = range.length() != null ? range.length()
                        : Math.max(0, files.size(file) - range.offset());
                FileIo io = files.write(pid, file, range.offset(), length, null);
                session.print(String.format(Locale.ROOT, "%s: wrote %d bytes to %s at %d: %d pages, %d in the page cache, "
                        + "%d read first%s", process, io.bytes(), range.path(), range.offset(), io.pages(), io.hits(),
                        io.misses(), io.waitedNanos() > 0 ? "; throttled " + duration(io.waitedNanos()) : ""));
            });
        };
    }

    /** {@code NAME fsync PATH}: writes the file's dirty pages and waits for the disk. */
    private static Step fsync(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String path = checkPath(line, line.words().get(2));
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            syscall(session, process, "fsync", path, () -> {
                FileIo io = session.machine().files().fsync(pid, file(session, path));
                session.print(String.format(Locale.ROOT, "%s: fsync %s: %d pages written, waited %s", process, path,
                        io.pagesOut(), duration(io.waitedNanos())));
            });
        };
    }
}
