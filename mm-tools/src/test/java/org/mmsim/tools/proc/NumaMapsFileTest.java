package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** numa_maps' file names escaped as {@code seq_file_path()} escapes them, against this machine's Linux 6.18. */
class NumaMapsFileTest {
    @Test
    void spacesAndEqualsSignsAreOctalEscapes() {
        // A shared mapping of /dev/shm/"a b", unlinked, read back from the real /proc/self/numa_maps.
        assertEquals("/dev/shm/a\\040b\\040(deleted)", NumaMapsFile.escape("/dev/shm/a b (deleted)"));
        assertEquals("/tmp/k\\075v\\011x\\012", NumaMapsFile.escape("/tmp/k=v\tx\n"));
        assertEquals("/usr/lib/x86_64-linux-gnu/libc.so.6", NumaMapsFile.escape("/usr/lib/x86_64-linux-gnu/libc.so.6"));
    }
}
