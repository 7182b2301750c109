package org.mmsim.api;

import java.util.Collection;

/**
 * The machine's /proc (and the few /sys files mmsim has), read as a program reads a real one: the text a Linux 6.18
 * kernel would print, byte for byte in its layout ({@code fs/proc/meminfo.c}, {@code mm/vmstat.c}, ...).
 */
public interface ProcFs {
    /**
     * The text of the file at {@code path}: {@code /proc/meminfo}, {@code /proc/sys/vm/swappiness}, or a process's
     * {@code /proc/PID/status}, {@code comm}, {@code cmdline}, {@code maps}, {@code smaps}, {@code smaps_rollup},
     * {@code io}, {@code oom_score}, {@code oom_score_adj} (of init, pid 1, and of the kernel threads too).
     *
     * @throws org.mmsim.spi.BadInputException for a path there is no file at, naming the paths there are
     * @throws org.mmsim.api.paging.SyscallException ESRCH for a kernel thread's smaps_rollup, which has no mm
     * @throws IllegalArgumentException if {@code path} is null
     */
    String read(String path);

    /** Every machine-wide path there is a file at (the per-process files are under /proc/PID/). */
    Collection<String> paths();
}
