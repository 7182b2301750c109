package org.mmsim.api;

/**
 * The simulated kernel panicked ({@code panic()} in kernel/panic.c): the machine stops. The kernel log already holds
 * {@code Kernel panic - not syncing: REASON}; the tools print it and stop the run. Thrown from whatever call the
 * panic happened in, such as an allocation that ran out of memory with {@code vm.panic_on_oom} set.
 */
public final class KernelPanicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason the text of the panic, as {@code panic()} was given it, such as
     *     {@code Out of memory: system-wide panic_on_oom is enabled}
     */
    public KernelPanicException(String reason) {
        super(reason);
    }

    /** The text of the panic, without the {@code Kernel panic - not syncing: } prefix. */
    public String reason() {
        return getMessage();
    }
}
