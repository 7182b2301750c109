package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/** Reclaim of file pages on a whole machine: the page cache shrinks under pressure and nothing written is lost. */
class FileReclaimTest {
    private static SimulatedMachine boot(String policy) {
        return MachineAssembler.boot(MachineConfig.builder().ramBytes(128L << 20).swapBytes(0).replacementPolicy(policy)
                .build(), PolicyRegistry.load(Optional.empty()));
    }

    @Test
    void readingMoreThanMemoryReclaimsTheCacheAndWrittenDataSurvivesEviction() {
        SimulatedMachine m = boot("linux");
        int pid = m.processes().spawn("io", ProgramImages.builtIn("hello"));
        FileRef written = m.files().create("/data/written", 4L << 20);
        long[] tokens = new long[1024];
        m.files().write(pid, written, 0, 4L << 20, null);
        m.files().read(pid, written, 0, 4L << 20, tokens);
        m.files().fsync(pid, written);
        FileRef big = m.files().create("/data/big", 300L << 20);
        m.files().read(pid, big, 0, 300L << 20, null);
        assertTrue(m.vmstat().get(VmItem.PGSTEAL_DIRECT) + m.vmstat().get(VmItem.PGSTEAL_KSWAPD) > 40_000,
                "300 MiB read through 128 MiB: most of it reclaimed");
        assertTrue(m.vmstat().get(VmItem.NR_FILE_PAGES) < (128L << 20) / 4096);
        long[] again = new long[1024];
        m.files().read(pid, written, 0, 4L << 20, again);
        assertArrayEquals(tokens, again, "evicted pages come back from disk with what was written");
        assertTrue(m.vmstat().get(VmItem.PGSCAN_DIRECT) + m.vmstat().get(VmItem.PGSCAN_KSWAPD)
                >= m.vmstat().get(VmItem.PGSTEAL_DIRECT) + m.vmstat().get(VmItem.PGSTEAL_KSWAPD), "pgsteal <= pgscan");
        long onLists = 0;
        for (LruList list : LruList.values()) {
            onLists += m.lru().pages(list);
        }
        assertEquals(onLists, m.vmstat().get(VmItem.NR_FILE_PAGES) + m.vmstat().get(VmItem.NR_ANON_PAGES),
                "every cache page and every anonymous page is on exactly one list");
    }

    @Test
    void aReferencedFileComesBackActiveWhenItRefaultsWithinTheWorkingset() {
        SimulatedMachine m = boot("linux");
        int pid = m.processes().spawn("io", ProgramImages.builtIn("hello"));
        FileRef hot = m.files().create("/data/hot", 20L << 20);
        m.files().read(pid, hot, 0, 20L << 20, null);
        m.files().read(pid, hot, 0, 20L << 20, null);
        assertEquals(5120, m.lru().pages(LruList.ACTIVE_FILE), "read twice: activated");
        FileRef stream = m.files().create("/data/stream", 200L << 20);
        m.files().read(pid, stream, 0, 200L << 20, null);
        assertTrue(m.lru().pages(LruList.ACTIVE_FILE) > 2000, "the streaming read evicts from the inactive list first");
        m.files().read(pid, stream, 0, 200L << 20, null);
        assertTrue(m.vmstat().get(VmItem.WORKINGSET_REFAULT_FILE) > 0);
    }

    @Test
    void lockedPagesAreNeverReclaimed() {
        SimulatedMachine m = boot("linux");
        int pid = m.processes().spawn("locker", ProgramImages.builtIn("hello"));
        long buf = m.processes().mmap(pid, 0, 16L << 20, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
        m.processes().mlock(pid, buf, 16L << 20);
        FileRef big = m.files().create("/data/big", 300L << 20);
        m.files().read(pid, big, 0, 300L << 20, null);
        assertEquals(4096, m.lru().pages(LruList.UNEVICTABLE));
        assertEquals(4096, m.vmstat().get(VmItem.NR_MLOCK));
        assertEquals(4096, m.processes().task(pid).counters().lockedVm());
        for (long page = buf; page < buf + (16L << 20); page += 4096) {
            assertTrue(m.processes().pagemap(pid, page) >= 0, "still resident");
        }
    }

    @Test
    void aReplacementPluginDrivesTheSameMachine() {
        for (String policy : new String[] {"lru", "arc", "clock", "s3-fifo"}) {
            SimulatedMachine m = boot(policy);
            int pid = m.processes().spawn("io", ProgramImages.builtIn("hello"));
            FileRef big = m.files().create("/data/big", 300L << 20);
            long[] first = new long[4096];
            m.files().read(pid, big, 0, 16L << 20, first);
            m.files().read(pid, big, 0, 300L << 20, null);
            long[] again = new long[4096];
            m.files().read(pid, big, 0, 16L << 20, again);
            assertArrayEquals(first, again, policy + ": what is read is the file, whatever was evicted");
            assertTrue(m.vmstat().get(VmItem.PGSTEAL_DIRECT) + m.vmstat().get(VmItem.PGSTEAL_KSWAPD) > 40_000, policy);
        }
    }
}
