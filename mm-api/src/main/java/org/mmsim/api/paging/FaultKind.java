package org.mmsim.api.paging;

/**
 * How the kernel classifies a page fault ({@code handle_mm_fault()} in mm/memory.c and the x86 fault handler).
 */
public enum FaultKind {
    /** Resolved without I/O: a zero page, a page-cache hit, a copy-on-write copy ({@code min_flt}). */
    MINOR,
    /** The page had to be read from a file or from swap ({@code maj_flt}, {@code pgmajfault}). */
    MAJOR,
    /** No VMA covers the address, or the access breaks its protection: the process gets SIGSEGV. */
    SIGSEGV
}
