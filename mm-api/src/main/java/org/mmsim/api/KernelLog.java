package org.mmsim.api;

import java.util.List;

/**
 * The kernel's message log ({@code printk()} and the ring buffer {@code dmesg} reads): the OOM killer's report,
 * swapon's notice. A scenario prints new messages after the line that caused them.
 */
public interface KernelLog {
    /** The release of the simulated kernel ({@code UTS_RELEASE}, {@code uname -r}), as its messages name it. */
    String UTS_RELEASE = "6.18.0-mmsim";

    /** Logs one line at simulated time now. */
    void printk(String line);

    /** The lines logged since the last call, oldest first, each prefixed with its time as {@code [%5lu.%06lu] }. */
    List<String> drain();
}
