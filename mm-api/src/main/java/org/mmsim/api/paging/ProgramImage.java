package org.mmsim.api.paging;

import java.util.List;
import java.util.Objects;

/**
 * An executable as {@code load_elf_binary()} (fs/binfmt_elf.c) maps it: the program's PT_LOAD segments (headers and
 * read-only data, text, relro, data, bss), the shared objects it links (each mapped the same way by the dynamic
 * loader), and the stack. Sizes are in bytes and rounded up to pages when mapped. The RELRO segment (PT_GNU_RELRO:
 * the GOT, {@code .dynamic}, {@code .data.rel.ro}) is written by the dynamic loader's relocations and then made
 * read-only ({@code _dl_protect_relro()}), so maps shows it as a {@code r--p} mapping of its own.
 *
 * @param name the program name, which becomes the process's comm
 * @param path the file the program is read from
 * @param text the executable code
 * @param rodata read-only data and headers, mapped before (a third: ELF headers, symbols, relocations) and after the
 *               text
 * @param relro the RELRO segment, mapped after the read-only data
 * @param data initialised writable data
 * @param bss zero-initialised data, mapped anonymous after the data
 * @param libraries the shared objects, each with the same segment sizes
 * @param stack the initial stack VMA
 */
public record ProgramImage(String name, String path, long text, long rodata, long relro, long data, long bss,
                           List<ProgramImage> libraries, long stack) {
    public ProgramImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        libraries = List.copyOf(libraries);
        if (text < 0 || rodata < 0 || relro < 0 || data < 0 || bss < 0 || stack < 0) {
            throw new IllegalArgumentException("a negative segment size in image " + name);
        }
    }

    /** A shared object: segments only, no libraries and no stack of its own. */
    public static ProgramImage library(String name, String path, long text, long rodata, long relro, long data,
                                       long bss) {
        return new ProgramImage(name, path, text, rodata, relro, data, bss, List.of(), 0);
    }
}
