package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.NumaMapStats;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The memory-policy system calls on one node, against what this machine's Linux 6.18 (one node) answered a C program
 * making the same raw calls (set_mempolicy, mbind, migrate_pages, move_pages with maxnode 65; docs/FIDELITY.md): the
 * same errno for each refusal, the same success, and numa_maps's policy column as the kernel printed it for the same
 * mbind calls over a 16-page mapping.
 */
class MempolicyErrnoTest {
    private static final long PAGE = 4096;
    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(128L << 20).build(),
            PolicyRegistry.load(Optional.empty()));
    private final Processes processes = machine.processes();
    private final MemoryPolicies policies = processes.mempolicies();
    private final int pid = processes.spawn("p", ProgramImages.builtIn("hello"));

    private interface Call {
        void run();
    }

    private static String errno(Call call) {
        try {
            call.run();
            return "0";
        } catch (SyscallException e) {
            return e.errno();
        }
    }

    private String setMempolicy(int mode, long nodes) {
        return errno(() -> policies.setMempolicy(pid, mode, nodes));
    }

    @Test
    void setMempolicyAnswersAsTheKernelDid() {
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_BIND, 0));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_BIND, 0b10));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_DEFAULT, 0b1));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_LOCAL, 0b1));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_PREFERRED | MemoryPolicies.MPOL_F_STATIC_NODES, 0));
        assertEquals("EINVAL", setMempolicy(7, 0b1));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_BIND | MemoryPolicies.MPOL_F_STATIC_NODES
                | MemoryPolicies.MPOL_F_RELATIVE_NODES, 0b1));
        assertEquals("EINVAL", setMempolicy(MemoryPolicies.MPOL_INTERLEAVE, 0));
        assertEquals("0", setMempolicy(MemoryPolicies.MPOL_PREFERRED, 0));
        assertEquals("0", setMempolicy(MemoryPolicies.MPOL_BIND | MemoryPolicies.MPOL_F_RELATIVE_NODES, 0b10));
        assertEquals("0", setMempolicy(MemoryPolicies.MPOL_BIND, 0b11));
    }

    @Test
    void mbindMigratePagesAndMovePagesAnswerAsTheKernelDid() {
        long p = processes.mmap(pid, 0, 4 * PAGE, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
        processes.munmap(pid, p + 2 * PAGE, PAGE);
        int bind = MemoryPolicies.MPOL_BIND;
        assertEquals("EINVAL", errno(() -> policies.mbind(pid, p + 1, PAGE, bind, 1, 0)), "unaligned");
        assertEquals("EFAULT", errno(() -> policies.mbind(pid, p, 4 * PAGE, bind, 1, 0)), "a hole");
        assertEquals("EINVAL", errno(() -> policies.mbind(pid, p, PAGE, bind, 1, 8)), "flags 8");
        assertEquals("EINVAL", errno(() -> policies.mbind(pid, p, PAGE, bind, 0, 0)), "no node");
        assertEquals("EINVAL", errno(() -> policies.mbind(pid, p, PAGE, bind, 0b10, 0)), "node 1");
        assertEquals("0", errno(() -> policies.mbind(pid, p, 0, bind, 1, 0)), "length 0");
        assertEquals("EINVAL", errno(() -> policies.migratePages(pid, 1, 0b10)), "to node 1");
        assertEquals(0, policies.migratePages(pid, 1, 1));
        assertEquals("ENODEV", errno(() -> policies.movePages(pid, new long[] {p, p + PAGE}, new int[] {1, 1})));
        processes.write(pid, p, 1);
        long[] three = {p, p + PAGE, 0x1000};
        assertArrayEquals(new int[] {0, -2, -14}, policies.movePages(pid, three, null),
                "where each page is: node 0, -ENOENT for one never touched, -EFAULT for no mapping");
        assertArrayEquals(new int[] {0, -2, -14}, policies.movePages(pid, three, new int[] {0, 0, 0}),
                "to the node it is on");
    }

    @Test
    void numaMapsNamesEachPolicyAsTheKernelDid() {
        long q = processes.mmap(pid, 0, 16 * PAGE, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
        for (int i = 0; i < 16; i++) {
            processes.write(pid, q + i * PAGE, i + 1);
        }
        policies.mbind(pid, q, 4 * PAGE, MemoryPolicies.MPOL_BIND, 1, 0);
        policies.mbind(pid, q + 4 * PAGE, 4 * PAGE, MemoryPolicies.MPOL_INTERLEAVE, 1, 0);
        policies.mbind(pid, q + 8 * PAGE, 4 * PAGE, MemoryPolicies.MPOL_PREFERRED, 1, 0);
        policies.mbind(pid, q + 12 * PAGE, 2 * PAGE, MemoryPolicies.MPOL_LOCAL, 0, 0);
        policies.mbind(pid, q + 14 * PAGE, 2 * PAGE, MemoryPolicies.MPOL_BIND | MemoryPolicies.MPOL_F_STATIC_NODES, 1,
                MemoryPolicies.MPOL_MF_MOVE);
        assertEquals("bind:0 4, interleave:0 4, prefer:0 4, local 2, bind=static:0 2", lines(q, 16));
        policies.mbind(pid, q, 4 * PAGE, MemoryPolicies.MPOL_PREFERRED_MANY, 1, 0);
        policies.mbind(pid, q + 4 * PAGE, 4 * PAGE, MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE, 1, 0);
        policies.mbind(pid, q + 8 * PAGE, 4 * PAGE, MemoryPolicies.MPOL_INTERLEAVE | MemoryPolicies.MPOL_F_RELATIVE_NODES,
                1, 0);
        assertEquals("prefer (many):0 4, weighted interleave:0 4, interleave=relative:0 4, local 2, bind=static:0 2",
                lines(q, 16));
        // A VMA without its own policy shows the task's.
        policies.setMempolicy(pid, MemoryPolicies.MPOL_INTERLEAVE, 1);
        long r = processes.mmap(pid, 0, PAGE, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
        assertEquals("interleave:0 0", lines(r, 1));
    }

    /** The numa_maps lines of {@code [start, start + pages)}: each policy and its pages on node 0. */
    private String lines(long start, int pages) {
        List<NumaMapStats> maps = policies.numaMaps(pid);
        return maps.stream().filter(m -> m.start() >= start && m.start() < start + pages * PAGE)
                .map(m -> m.policy() + " " + m.nodes()[0]).collect(Collectors.joining(", "));
    }
}
