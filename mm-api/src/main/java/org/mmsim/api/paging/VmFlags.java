package org.mmsim.api.paging;

/** The flags of a VMA ({@code vm_flags}, include/linux/mm.h), and their two-letter smaps names. */
public final class VmFlags {
    public static final long VM_READ = 0x1;
    public static final long VM_WRITE = 0x2;
    public static final long VM_EXEC = 0x4;
    public static final long VM_SHARED = 0x8;
    public static final long VM_MAYREAD = 0x10;
    public static final long VM_MAYWRITE = 0x20;
    public static final long VM_MAYEXEC = 0x40;
    public static final long VM_MAYSHARE = 0x80;
    public static final long VM_GROWSDOWN = 0x100;
    public static final long VM_PFNMAP = 0x400;
    public static final long VM_LOCKED = 0x2000;
    public static final long VM_IO = 0x4000;
    public static final long VM_DONTEXPAND = 0x40000;
    public static final long VM_ACCOUNT = 0x100000;
    public static final long VM_NORESERVE = 0x200000;
    /** A hugetlbfs mapping: its pages are huge pages of a pool ({@code is_vm_hugetlb_page()}). */
    public static final long VM_HUGETLB = 0x400000;
    public static final long VM_DONTDUMP = 0x4000000;
    public static final long VM_SOFTDIRTY = 0x8000000;
    /** madvise(MADV_HUGEPAGE): transparent huge pages wanted here. */
    public static final long VM_HUGEPAGE = 0x20000000;
    /** madvise(MADV_NOHUGEPAGE): never transparent huge pages here. */
    public static final long VM_NOHUGEPAGE = 0x40000000;

    private static final long[] BITS = {VM_READ, VM_WRITE, VM_EXEC, VM_SHARED, VM_MAYREAD, VM_MAYWRITE, VM_MAYEXEC,
        VM_MAYSHARE, VM_GROWSDOWN, VM_PFNMAP, VM_LOCKED, VM_IO, VM_DONTEXPAND, VM_ACCOUNT, VM_NORESERVE, VM_HUGETLB, VM_DONTDUMP,
        VM_SOFTDIRTY, VM_HUGEPAGE, VM_NOHUGEPAGE};
    private static final String[] NAMES = {"rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "pf", "lo", "io", "de",
        "ac", "nr", "ht", "dd", "sd", "hg", "nh"};

    private VmFlags() {
    }

    /** The {@code VmFlags:} line of smaps: each set flag's mnemonic followed by a blank ({@code show_smap_vma_flags()}). */
    public static String mnemonics(long flags) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                text.append(NAMES[i]).append(' ');
            }
        }
        return text.toString();
    }
}
