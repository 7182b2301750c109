package org.mmsim.tools.mmutrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.IoErrors;

/**
 * A {@code /proc/PID/maps} listing (the layout of {@code show_map_vma()} in fs/proc/task_mmu.c) read back into
 * mappings: each line {@code START-END PERMS OFFSET DEV INODE [PATH]} becomes a {@code MAP_FIXED} mapping of a
 * process, file-backed when the path is a file (the file sized to cover its furthest mapped byte), anonymous
 * otherwise ({@code [heap]}, {@code [stack]}, {@code [vdso]}, no path). Lines above the top of user space, such as
 * {@code [vsyscall]}, are the kernel's, not the process's: they are skipped.
 */
final class MapsListing {
    private static final String EXPECTED = "START-END PERMS OFFSET DEV INODE [PATH] as /proc/PID/maps prints it";

    record Mapping(int line, long start, long end, int prot, boolean shared, long offset, String path) {
        boolean isFile() {
            return path.startsWith("/");
        }
    }

    private final Path file;
    private final List<Mapping> mappings;

    private MapsListing(Path file, List<Mapping> mappings) {
        this.file = file;
        this.mappings = mappings;
    }

    /**
     * Reads a listing.
     *
     * @throws BadInputException naming the file and line of the first line that is not a maps line
     */
    static MapsListing read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : IoErrors.reason(e);
            throw new BadInputException(file + ": " + why + "; expected a /proc/PID/maps listing", e);
        }
        List<Mapping> mappings = new ArrayList<>();
        long previousEnd = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Mapping m = parse(file, i + 1, text);
            if (Long.compareUnsigned(m.start, previousEnd) < 0) {
                throw error(file, i + 1, text, "lines in address order, not overlapping");
            }
            previousEnd = m.end;
            mappings.add(m);
        }
        return new MapsListing(file, mappings);
    }

    private static Mapping parse(Path file, int line, String text) {
        String[] f = text.trim().split("\\s+", 6);
        if (f.length < 5) {
            throw error(file, line, text, EXPECTED);
        }
        int dash = f[0].indexOf('-');
        String perms = f[1];
        if (dash < 0 || perms.length() != 4 || "r-".indexOf(perms.charAt(0)) < 0 || "w-".indexOf(perms.charAt(1)) < 0
                || "x-".indexOf(perms.charAt(2)) < 0 || "ps".indexOf(perms.charAt(3)) < 0) {
            throw error(file, line, text, EXPECTED);
        }
        try {
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            long offset = Long.parseUnsignedLong(f[2], 16);
            Long.parseUnsignedLong(f[4]);
            if (Long.compareUnsigned(end, start) <= 0 || (start & 4095) != 0 || (end & 4095) != 0 || (offset & 4095) != 0) {
                throw error(file, line, text, "page-aligned START below END and a page-aligned OFFSET");
            }
            int prot = (perms.charAt(0) == 'r' ? Prot.PROT_READ : 0) | (perms.charAt(1) == 'w' ? Prot.PROT_WRITE : 0)
                    | (perms.charAt(2) == 'x' ? Prot.PROT_EXEC : 0);
            String path = f.length == 6 ? f[5].trim() : "";
            return new Mapping(line, start, end, prot, perms.charAt(3) == 's', offset, path);
        } catch (NumberFormatException e) {
            throw error(file, line, text, EXPECTED);
        }
    }

    private static BadInputException error(Path file, int line, String text, String expected) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return new BadInputException(file + ":" + line + ": '" + shown + "'; expected " + expected);
    }

    /**
     * Maps every line into {@code pid}'s address space.
     *
     * @param taskSize the top of user space: lines at or above it are skipped
     * @throws BadInputException naming the line the kernel refused, and why
     */
    void apply(Processes processes, PageCache pageCache, int pid, long taskSize) {
        Map<String, Long> fileSizes = new LinkedHashMap<>();
        for (Mapping m : mappings) {
            if (m.isFile()) {
                fileSizes.merge(m.path, m.offset + (m.end - m.start), Math::max);
            }
        }
        fileSizes.forEach((path, size) -> {
            if (pageCache.lookup(path).isEmpty()) {
                pageCache.file(path, size);
            }
        });
        for (Mapping m : mappings) {
            if (Long.compareUnsigned(m.end, taskSize) > 0) {
                continue;
            }
            int flags = Prot.MAP_FIXED | (m.shared ? Prot.MAP_SHARED : Prot.MAP_PRIVATE)
                    | (m.isFile() ? 0 : Prot.MAP_ANONYMOUS);
            try {
                processes.mmap(pid, m.start, m.end - m.start, m.prot, flags, m.isFile() ? m.path : null,
                        m.isFile() ? m.offset : 0);
            } catch (SyscallException e) {
                throw new BadInputException(file + ":" + m.line + ": mmap of " + Long.toHexString(m.start) + "-"
                        + Long.toHexString(m.end) + " failed: " + e.getMessage() + "; expected a mapping the machine can hold", e);
            }
        }
    }

    /** How many lines were read. */
    int size() {
        return mappings.size();
    }
}
