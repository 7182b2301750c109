package org.mmsim.paging.mm;

/**
 * What a page fault came to: bit flags in an {@code int}, as the kernel's {@code vm_fault_t} (include/linux/mm_types.h:
 * {@code enum vm_fault_reason}), with the kernel's values. 0 is a fault handled without I/O, a minor one. An
 * {@code int} rather than an object, because the fault path allocates nothing.
 */
final class FaultResult {
    /** Handled without I/O: a minor fault. */
    static final int MINOR = 0;
    /** {@code VM_FAULT_OOM}: no memory for the page or a page table. */
    static final int OOM = 0x000001;
    /** {@code VM_FAULT_SIGBUS}: the page is past the end of the mapped file. */
    static final int SIGBUS = 0x000002;
    /** {@code VM_FAULT_MAJOR}: the page was read from a file or from swap. */
    static final int MAJOR = 0x000004;
    /** {@code VM_FAULT_SIGSEGV}: no VMA covers the address, or the access breaks its protection. */
    static final int SIGSEGV = 0x000040;
    /** {@code VM_FAULT_RETRY}: the entry changed under the handler, which backs out; the access faults again. */
    static final int RETRY = 0x000400;
    /** {@code VM_FAULT_FALLBACK}: no huge page could be mapped; a small one will be. */
    static final int FALLBACK = 0x000800;
    /**
     * Not the kernel's: the major fault's wait was a memory stall (a swap-in, a refault of the working set) rather than
     * a cold read. Linux accounts the stall where it waits ({@code psi_memstall_enter()}); here time passes in the
     * caller, which has to know. A bit above every {@code vm_fault_reason}.
     */
    static final int MEMSTALL = 0x100000;

    /** {@code VM_FAULT_ERROR}, of the bits this handler returns. */
    private static final int ERROR = OOM | SIGBUS | SIGSEGV;

    private FaultResult() {
    }

    /** Whether the fault read the page from a file or from swap. */
    static boolean isMajor(int result) {
        return (result & MAJOR) != 0;
    }

    /** Whether the fault failed: the access cannot go on ({@code VM_FAULT_ERROR}). */
    static boolean isError(int result) {
        return (result & ERROR) != 0;
    }

    /** Whether the access was past the end of a mapped file. */
    static boolean isSigbus(int result) {
        return (result & SIGBUS) != 0;
    }

    /** Whether the handler backed out and the access faults again. */
    static boolean isRetry(int result) {
        return (result & RETRY) != 0;
    }

    /** Whether a huge page could not be mapped. */
    static boolean isFallback(int result) {
        return (result & FALLBACK) != 0;
    }

    /** Whether a major fault's wait counts as a memory stall. */
    static boolean isMemstall(int result) {
        return (result & MEMSTALL) != 0;
    }
}
