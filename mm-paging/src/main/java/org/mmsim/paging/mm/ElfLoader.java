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
        long end = mapImage(task, image, exe, pieBase(), cpu);
        mm.startBrk = end;
        mm.brk = end;
        ProgramImage loader = ProgramImages.builtIn("ld-linux-x86-64.so.2");
        mapLibrary(task, loader, cpu);
        mapVdso(mm);
        for (ProgramImage library : image.libraries()) {
            mapLibrary(task, library, cpu);
        }
        long stack = Mmap.pageAlign(Math.max(image.stack(), 132 << 10));
        long top = Fork.mapWindow(mode);
        Vma stackVma = new Vma(top - stack, top, VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_MAYREAD
                | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC | VmFlags.VM_GROWSDOWN | VmFlags.VM_ACCOUNT, (top - stack) >>> 12, null, "[stack]");
        overcommit.charge(stackVma.pages());
        mm.insert(stackVma);
        mm.startStack = top - Mmap.PAGE;
        // The kernel writes argv, envp and the auxiliary vector at the top of the stack.
        access.access(task, top - 8, AccessType.WRITE, cpu);
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
        return Mmap.pageAlign(image.rodata()) + Mmap.pageAlign(image.text()) + Mmap.pageAlign(image.data());
    }

    private void mapLibrary(Task task, ProgramImage library, int cpu) {
        long size = fileSize(library) + Mmap.pageAlign(library.bss());
        long base = task.mm.unmappedArea(size);
        mapImage(task, library, pageCache.file(library.path(), fileSize(library)), base, cpu);
    }

    /**
     * Maps the PT_LOAD segments of an image at {@code base}: half the read-only data (the headers) before the text, the
     * text, the rest of the read-only data, the data, then the bss as anonymous memory. The dynamic loader's
     * relocations write every data page, so each becomes a private copy. Returns the end of the last segment.
     */
    private long mapImage(Task task, ProgramImage image, FileRef file, long base, int cpu) {
        long head = Math.max(Mmap.PAGE, Mmap.pageAlign(image.rodata() / 2));
        long tail = Mmap.pageAlign(image.rodata()) - head;
        long text = Mmap.pageAlign(image.text());
        long data = Mmap.pageAlign(image.data());
        long offset = 0;
        long at = base;
        long[][] segments = {{head, Prot.PROT_READ}, {text, Prot.PROT_READ | Prot.PROT_EXEC},
            {Math.max(0, tail), Prot.PROT_READ}, {data, Prot.PROT_READ | Prot.PROT_WRITE}};
        for (long[] segment : segments) {
            if (segment[0] > 0) {
                mmap.mmap(task, at, segment[0], (int) segment[1], Prot.MAP_PRIVATE | Prot.MAP_FIXED, file, offset, null, cpu);
                if ((segment[1] & Prot.PROT_WRITE) != 0) {
                    for (long page = at; page < at + segment[0]; page += Mmap.PAGE) {
                        access.access(task, page, AccessType.WRITE, cpu);
                    }
                }
                offset += segment[0];
                at += segment[0];
            }
        }
        long bss = Mmap.pageAlign(image.bss());
        if (bss > 0) {
            mmap.mmap(task, at, bss, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_FIXED, null, 0, null, cpu);
            at += bss;
        }
        return at;
    }
}
