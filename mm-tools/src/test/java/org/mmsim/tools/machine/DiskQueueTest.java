package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.DiskSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * A major fault on a machine waits what the disk's request queue says: its latency plus the pages it read over its
 * bandwidth, behind what was queued before; and the disk keys choose the disk.
 */
class DiskQueueTest {
    private static final int PAGES = 256;

    private static SimulatedMachine machine(DiskSpec disk) {
        return MachineAssembler.boot(MachineConfig.builder().ramBytes(32L << 20).swapBytes(64L << 20).disk(disk).build(),
                PolicyRegistry.load(Optional.empty()));
    }

    /** A process whose {@value #PAGES} written pages reclaim has swapped out, the disk idle again; its address. */
    private static long swappedOut(SimulatedMachine m, int pid) {
        Processes processes = m.processes();
        long addr = processes.mmap(pid, 0, PAGES * 4096L, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
        for (int i = 0; i < PAGES; i++) {
            processes.write(pid, addr + i * 4096L, 7000 + i);
        }
        for (int pass = 0; pass < 8; pass++) {
            m.reclaim().reclaimNode(0, 4 * PAGES);
        }
        m.advance(m.blockQueue().idleAt() - m.clock().nanos());
        return addr;
    }

    @Test
    void aSwapInWaitsTheLatencyAndItsPagesOverTheBandwidth() {
        for (String preset : DiskSpec.PRESETS) {
            DiskSpec disk = DiskSpec.preset(preset);
            SimulatedMachine m = machine(disk);
            int pid = m.processes().spawn("p", ProgramImages.builtIn("hello"));
            long addr = swappedOut(m, pid);
            assertTrue(m.processes().pagemap(pid, addr) < 0, preset + ": the first page is out");
            long before = m.clock().nanos();
            long pswpin = m.vmstat().get(VmItem.PSWPIN);
            assertEquals(Processes.MAJOR_FAULT, m.processes().access(pid, addr, AccessType.READ));
            long read = m.vmstat().get(VmItem.PSWPIN) - pswpin;
            // One request for the slot and its readahead, on an idle disk: latency + bytes / bandwidth, by hand.
            long expected = disk.latencyNanos() + Math.round(read * 4096 * 1e9 / disk.bandwidth());
            assertEquals(expected, m.clock().nanos() - before, preset + ": " + read + " pages read");
            assertEquals(7000, m.processes().read(pid, addr), "the content came back");
        }
    }

    @Test
    void aReadWaitsBehindTheSwapOutsQueuedBeforeIt() {
        SimulatedMachine m = machine(DiskSpec.preset("hdd"));
        int pid = m.processes().spawn("p", ProgramImages.builtIn("hello"));
        long addr = swappedOut(m, pid);
        // 64 more pages written and swapped out, their writes not done yet when the first page faults back.
        long more = m.processes().mmap(pid, 0, 64 * 4096L, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
        for (int i = 0; i < 64; i++) {
            m.processes().write(pid, more + i * 4096L, 9000 + i);
        }
        long pgpgout = m.vmstat().get(VmItem.PGPGOUT);
        for (int pass = 0; pass < 8; pass++) {
            m.reclaim().reclaimNode(0, 4 * 64);
        }
        long busy = m.blockQueue().idleAt() - m.clock().nanos();
        assertTrue(busy >= DiskSpec.preset("hdd").latencyNanos(), "the swap-outs are queued: " + busy + " ns");
        assertEquals(pgpgout, m.vmstat().get(VmItem.PGPGOUT), "and not counted before the disk wrote them");
        long before = m.clock().nanos();
        assertEquals(Processes.MAJOR_FAULT, m.processes().access(pid, addr, AccessType.READ));
        assertTrue(m.clock().nanos() - before > busy, "the fault waited for the writes, then its own read");
        assertTrue(m.vmstat().get(VmItem.PGPGOUT) > pgpgout, "the writes completed meanwhile");
    }
}
