package org.mmsim.paging.mm;

import org.mmsim.api.paging.SyscallException;

/**
 * The checks a system call's entry makes on its arguments before it changes anything, so that a refused call leaves
 * the machine as it was: a NULL user pointer faults ({@code strncpy_from_user()}: EFAULT), and a range must lie in
 * user space without wrapping ({@code access_ok()}, the {@code TASK_SIZE} checks of mm/mmap.c, mm/mprotect.c,
 * mm/mlock.c and mm/madvise.c). A Java caller's null for what is no user pointer (an image, an access type) is an
 * {@link IllegalArgumentException}.
 */
final class SyscallArgs {
    private SyscallArgs() {
    }

    /** A name the caller passes as a user string: null is a NULL pointer. */
    static String userString(String name, String call) {
        if (name == null) {
            throw new SyscallException("EFAULT", call + ": a null name");
        }
        return name;
    }

    /** An argument that must be given. */
    static <T> T given(T value, String call, String what) {
        if (value == null) {
            throw new IllegalArgumentException(call + ": " + what + " is null");
        }
        return value;
    }

    /**
     * The end of {@code [addr, addr + length)}, rounded up to a page, if the range lies in user space (below
     * {@code taskSize}); else {@code errno}.
     */
    static long userEnd(long addr, long length, long taskSize, String errno, String call) {
        if (addr < 0 || addr > taskSize || length < 0 || length > taskSize - addr) {
            throw new SyscallException(errno, String.format("%s of %d bytes at %#x: outside user space", call, length,
                    addr));
        }
        return addr + Mmap.pageAlign(length);
    }
}
