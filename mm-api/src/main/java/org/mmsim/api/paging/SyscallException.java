package org.mmsim.api.paging;

/**
 * A system call that fails, as it fails in Linux: with an errno ({@code ENOMEM}, {@code EINVAL}, ...). The address
 * space is unchanged.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errno;

    /**
     * @param errno the error name, such as {@code ENOMEM}
     * @param message what failed and why
     */
    public SyscallException(String errno, String message) {
        super(message + " (" + errno + ")");
        this.errno = errno;
    }

    /** The error name. */
    public String errno() {
        return errno;
    }
}
