package org.mmsim.paging.mm;

import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.VmFlags;

/**
 * The ELF loader of execve (fs/binfmt_elf.c, {@code load_elf_binary()}): the program's PT_LOAD segments at the PIE
 * base, the dynamic loader and the libraries below the mmap base, the vDSO, the heap's start right after the
 * program, and the stack at the top of the default window. Without address-space randomisation, as with
 * {@code setarch -R}.
 */
final class ElfLoader {
    private final PagingMode mode;
    private final PageCache pageCache;
    private final Mmap mmap;
    private final OvercommitAccounting overcommit;
    private final UserAccess access;

    ElfLoader(PagingMode mode, PageCache pageCache, Mmap mmap, OvercommitAccounting overcommit, UserAccess access) {
        this.mode = mode;
        this.pageCache = pageCache;
        this.mmap = mmap;
        this.overcommit = overcommit;
        this.access = access;
    }

    /**
     * {@code ELF_ET_DYN_BASE} with ASLR off, where a position-independent executable is loaded: two thirds of the
     * window (0x555555554000 on x86-64, 0x80000000 on i386).
     */
    private long pieBase() {
        return Fork.mapWindow(mode) / 3 * 2 & -4096L;
    }

    /** {@code load_elf_binary()}: the program, its loader and libraries, vDSO, heap start and stack. */
    void load(Task task, ProgramImage image, int cpu) {
        Mm mm = task.mm;
        FileRef exe = pageCache.file(image.path(), fileSize(image));
        mm.exe = exe;
        long end = mapImage(task, image, exe, pieBase(), false, cpu);
        mm.startBrk = end;
        mm.brk = end;
        ProgramImage loader = ProgramImages.builtIn("ld-linux-x86-64.so.2");
        mapLibrary(task, loader, true, cpu);
        mapVdso(mm);
        for (ProgramImage library : image.libraries()) {
            mapLibrary(task, library, false, cpu);
        }
        long stack = Mmap.pageAlign(Math.max(image.stack(), 132 << 10));
        long top = Fork.mapWindow(mode);
        Vma stackVma = new Vma(top - stack, top, VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_MAYREAD
                | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC | VmFlags.VM_GROWSDOWN | VmFlags.VM_ACCOUNT, (top - stack) >>> 12, null, "[stack]");
        overcommit.charge(stackVma.pages());
        mm.insert(stackVma);
        mm.startStack = top - Mmap.PAGE;
        // The kernel writes argv, envp and the auxiliary vector at the top of the stack, and the start's frames
        // (ld.so's, libc's) reach below: three pages, as a small C program's stack has 12 KiB resident.
        touch(task, top - 3 * Mmap.PAGE, top, AccessType.WRITE, cpu);
    }

    /**
     * {@code map_vdso()} (arch/x86/entry/vdso/vma.c): one free range holds the data pages, the clock pages, then the
     * vDSO's text, in that order upwards, as special mappings ({@code _install_special_mapping()} adds
     * VM_DONTEXPAND). The data pages are PFN maps of kernel memory, never dumped; the text may be written by ptrace.
     */
    private static void mapVdso(Mm mm) {
        long base = mm.unmappedArea(8 * Mmap.PAGE);
        long data = VmFlags.VM_READ | VmFlags.VM_MAYREAD | VmFlags.VM_PFNMAP | VmFlags.VM_IO | VmFlags.VM_DONTEXPAND
                | VmFlags.VM_DONTDUMP;
        long text = VmFlags.VM_READ | VmFlags.VM_EXEC | VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC
                | VmFlags.VM_DONTEXPAND;
        mm.insert(new Vma(base, base + 4 * Mmap.PAGE, data, 0, null, "[vvar]"));
        mm.insert(new Vma(base + 4 * Mmap.PAGE, base + 6 * Mmap.PAGE, data, 0, null, "[vvar_vclock]"));
        mm.insert(new Vma(base + 6 * Mmap.PAGE, base + 8 * Mmap.PAGE, text, 0, null, "[vdso]"));
    }

    private static long fileSize(ProgramImage image) {
        return Mmap.pageAlign(image.rodata()) + Mmap.pageAlign(image.text()) + Mmap.pageAlign(image.relro())
                + Mmap.pageAlign(image.data());
    }

    private void mapLibrary(Task task, ProgramImage library, boolean whole, int cpu) {
        long size = fileSize(library) + Mmap.pageAlign(library.bss());
        long base = task.mm.unmappedArea(size);
        mapImage(task, library, pageCache.file(library.path(), fileSize(library)), base, whole, cpu);
    }

    /**
     * Maps the PT_LOAD segments of an image at {@code base} and touches what a start touches of them: the headers (a
     * third of the read-only data: ELF headers, dynamic symbols and relocations, which the dynamic loader reads) before
     * the text, the text, the rest of the read-only data, the RELRO segment, the data, then the bss as anonymous
     * memory. The relocations write every RELRO and data page, so each becomes a private copy, and
     * {@code _dl_protect_relro()} then makes the RELRO segment read-only. The dynamic loader itself ({@code whole})
     * runs through all of its pages. Returns the end of the last segment.
     */
    private long mapImage(Task task, ProgramImage image, FileRef file, long base, boolean whole, int cpu) {
        long head = Math.max(Mmap.PAGE, Mmap.pageAlign(image.rodata() / 3));
        long tail = Math.max(0, Mmap.pageAlign(image.rodata()) - head);
        long text = Mmap.pageAlign(image.text());
        long relro = Mmap.pageAlign(image.relro());
        long data = Mmap.pageAlign(image.data());
        long[][] segments = {{head, Prot.PROT_READ}, {text, Prot.PROT_READ | Prot.PROT_EXEC},
            {tail, Prot.PROT_READ}, {relro, Prot.PROT_READ | Prot.PROT_WRITE}, {data, Prot.PROT_READ | Prot.PROT_WRITE}};
        long offset = 0;
        long at = base;
        for (long[] segment : segments) {
            if (segment[0] > 0) {
                mmap.mmap(task, at, segment[0], (int) segment[1], Prot.MAP_PRIVATE | Prot.MAP_FIXED, file, offset, null, cpu);
                offset += segment[0];
                at += segment[0];
            }
        }
        long textStart = base + head;
        long relroStart = textStart + text + tail;
        touch(task, base, textStart, AccessType.READ, cpu);
        if (whole) {
            touch(task, textStart, relroStart, AccessType.READ, cpu);
        } else {
            touchHalfText(task, textStart, textStart + text, cpu);
        }
        touch(task, relroStart, relroStart + relro + data, AccessType.WRITE, cpu);
        if (relro > 0) {
            mmap.mprotect(task, relroStart, relro, Prot.PROT_READ, cpu);
        }
        long bss = Mmap.pageAlign(image.bss());
        if (bss > 0) {
            mmap.mmap(task, at, bss, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_FIXED, null, 0, null, cpu);
            // The start's writes to the zero-initialised state (libc's main_arena, stdio, the locale's globals): the
            // first half of the bss, as a small C program's start leaves 20 of libc's 52 KiB resident.
            touch(task, at, at + (bss >>> 13 << 12), AccessType.WRITE, cpu);
            at += bss;
        }
        return at;
    }

    /**
     * The code a start runs, scattered over the text: every page of every other {@code fault_around_bytes} window
     * (64 KiB, aligned), from the one holding the first page of text. With fault-around this leaves half the text
     * resident, as a small C program's start leaves 664 of libc's 1368 KiB (measured on a 6.18 machine).
     */
    private void touchHalfText(Task task, long start, long end, int cpu) {
        long window = FileFault.FAULT_AROUND_BYTES;
        for (long from = start & -window; from < end; from += 2 * window) {
            touch(task, Math.max(from, start), Math.min(from + window, end), AccessType.READ, cpu);
        }
    }

    /** Touches every page of [{@code from}, {@code to}). */
    private void touch(Task task, long from, long to, AccessType type, int cpu) {
        for (long page = from; page < to; page += Mmap.PAGE) {
            access.access(task, page, type, UserAccess.WORD, cpu);
        }
    }
}
