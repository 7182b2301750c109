package org.mmsim.api.paging;

import java.util.List;
import java.util.Objects;

/**
 * An executable as {@code load_elf_binary()} (fs/binfmt_elf.c) maps it: the program's PT_LOAD segments (headers and
 * read-only data, text, relro, data, bss), the shared objects it links (each mapped the same way by the dynamic
 * loader), and the stack. Sizes are in bytes and rounded up to pages when mapped.
 *
 * @param name the program name, which becomes the process's comm
 * @param path the file the program is read from
 * @param text the executable code
 * @param rodata read-only data and headers, mapped before and after the text
 * @param data initialised writable data
 * @param bss zero-initialised data, mapped anonymous after the data
 * @param libraries the shared objects, each with the same segment sizes
 * @param stack the initial stack VMA
 */
public record ProgramImage(String name, String path, long text, long rodata, long data, long bss,
                           List<ProgramImage> libraries, long stack) {
    public ProgramImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        libraries = List.copyOf(libraries);
        if (text < 0 || rodata < 0 || data < 0 || bss < 0 || stack < 0) {
            throw new IllegalArgumentException("a negative segment size in image " + name);
        }
    }

    /** A shared object: segments only, no libraries and no stack of its own. */
    public static ProgramImage library(String name, String path, long text, long rodata, long data, long bss) {
        return new ProgramImage(name, path, text, rodata, data, bss, List.of(), 0);
    }
}
