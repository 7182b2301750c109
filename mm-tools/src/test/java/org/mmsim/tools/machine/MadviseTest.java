package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * {@link Processes#madvise} takes any mapped range, malloc'd memory included, with madvise(2)'s argument checks
 * ({@code madvise_should_skip()} in mm/madvise.c, as a C program sees them on Linux 6.18): the advice first, then a
 * page-aligned start (EINVAL); a length of 0 is 0 and does nothing.
 */
class MadviseTest {
    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(64L << 20).build(),
            PolicyRegistry.load(Optional.empty()));
    private final Processes processes = machine.processes();
    private final int pid = processes.spawn("p", ProgramImages.builtIn("hello"));

    @Test
    void aMallocdBlocksWholePagesCanBeDropped() {
        long block = processes.malloc(pid, 64 << 10);
        processes.touch(pid, block, 64 << 10, org.mmsim.api.paging.AccessType.WRITE);
        long rss = processes.task(pid).counters().rssAnon();
        long start = (block + 4095) & -4096L;
        long end = (block + (64 << 10)) & -4096L;
        processes.madvise(pid, start, end - start, Prot.MADV_DONTNEED);
        assertEquals(rss - (end - start) / 4096, processes.task(pid).counters().rssAnon());
    }

    @Test
    void anUnalignedStartIsEinvalEvenForNoBytesAndNoBytesIsNothing() {
        long block = processes.malloc(pid, 64 << 10);
        assertEquals("EINVAL", assertThrows(SyscallException.class,
                () -> processes.madvise(pid, block | 1, 4096, Prot.MADV_DONTNEED)).errno());
        assertEquals("EINVAL", assertThrows(SyscallException.class,
                () -> processes.madvise(pid, 1, 0, Prot.MADV_DONTNEED)).errno());
        assertEquals("EINVAL", assertThrows(SyscallException.class,
                () -> processes.madvise(pid, block & -4096L, 0, 12345)).errno(), "the advice is checked first");
        String maps = processes.vmas(pid).toString();
        processes.madvise(pid, block & -4096L, 0, Prot.MADV_HUGEPAGE);
        assertEquals(maps, processes.vmas(pid).toString(), "no VMA split or flagged");
    }
}
