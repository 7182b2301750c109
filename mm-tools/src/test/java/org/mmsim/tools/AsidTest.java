package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;

/**
 * PCIDs as Linux recycles them (arch/x86/mm/tlb.c): each CPU has six dynamic ASIDs, which {@code choose_new_asid()}
 * hands round-robin to the address spaces that run there, flushing the entries an ASID tagged before. No number of
 * live processes runs out of them.
 */
class AsidTest {
    private static final long AT = 0x10000000L;

    private static Machine machine() {
        return Mmsim.boot(MachineConfig.builder().ramBytes(1L << 30).swapBytes(0).cpus(1).build());
    }

    /** {@code n} processes, each with a page at {@link #AT} it wrote its own token to. */
    private static List<Integer> writers(Processes processes, int n) {
        List<Integer> pids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pid = processes.createProcess("p" + i, true);
            processes.mmap(pid, AT, 4096, Prot.PROT_READ | Prot.PROT_WRITE,
                    Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_FIXED, null, 0);
            processes.write(pid, AT, 1000 + i);
            pids.add(pid);
        }
        return pids;
    }

    @Test
    void moreThan4095LiveProcessesRun() {
        Processes processes = machine().processes();
        List<Integer> pids = writers(processes, 4200);
        for (int i = 0; i < pids.size(); i++) {
            assertEquals(1000 + i, processes.read(pids.get(i), AT), "process " + i + " reads its own page");
        }
    }

    @Test
    void anAsidHandedToAnotherAddressSpaceKeepsNoneOfTheEntriesItTaggedBefore() {
        Processes processes = machine().processes();
        List<Integer> pids = writers(processes, 13);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < pids.size(); i++) {
                int pid = pids.get(i);
                assertEquals(processes.pagemap(pid, AT), processes.translation(pid, 0, AT, AccessType.READ),
                        "the TLB gives process " + i + " its own frame");
                assertEquals(1000 + i, processes.read(pid, AT));
            }
        }
    }

    @Test
    void sixAddressSpacesKeepTheirEntriesAcrossSwitches() {
        Processes processes = machine().processes();
        // init (whose stack its loader wrote) and five processes: six address spaces, one ASID each.
        List<Integer> pids = writers(processes, 5);
        long walks = processes.tlbStats(0).walks();
        for (int pid : pids) {
            processes.switchTo(0, pid);
            assertEquals(Processes.NO_FAULT, processes.access(pid, AT, AccessType.READ));
        }
        assertEquals(walks, processes.tlbStats(0).walks(), "every translation still cached");
        // Two more take the ASIDs of init and of the first process, round-robin: the first walks again.
        writers(processes, 2);
        walks = processes.tlbStats(0).walks();
        processes.access(pids.get(0), AT, AccessType.READ);
        assertEquals(walks + 1, processes.tlbStats(0).walks(), "its ASID went to another address space");
    }
}
