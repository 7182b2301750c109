package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MemoryArch;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.NumaMapStats;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.Prot;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * How long a policy lives, as mm/mempolicy.c and kernel/fork.c keep it: a task's is copied by fork and kept by exec;
 * a VMA's is copied to both parts when mbind or mprotect splits it, and VMAs merge again once their policies are equal.
 */
class MempolicyLifetimeTest {
    private static final long PAGE = 4096;
    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(256L << 20).nodes(2)
            .cpus(2).memory(MemoryArch.NUMA).build(), PolicyRegistry.load(Optional.empty()));
    private final Processes processes = machine.processes();
    private final MemoryPolicies policies = processes.mempolicies();

    /** The policies of the VMAs from {@code start} on, up to {@code end}, with their sizes in pages. */
    private String vmas(int pid, long start, long end) {
        List<NumaMapStats> maps = policies.numaMaps(pid);
        return processes.vmas(pid).stream().filter(v -> v.start() >= start && v.end() <= end)
                .map(v -> maps.stream().filter(m -> m.start() == v.start()).findFirst().orElseThrow().policy() + " "
                        + (v.size() / PAGE)).collect(Collectors.joining(", "));
    }

    @Test
    void forkCopiesTheTasksPolicyAndExecKeepsIt() {
        int parent = policies.spawn("p", ProgramImages.builtIn("hello"), MemoryPolicies.MPOL_BIND, 0b10);
        int child = processes.fork(parent, "c");
        long a = processes.mmap(child, 0, 4 * PAGE, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
        processes.write(child, a, 7);
        assertEquals(1, machine.pageAllocator().pageToNid(processes.translation(child, 0, a, org.mmsim.api.paging
                .AccessType.READ)), "the child allocates by the parent's policy");
        processes.exec(child, ProgramImages.builtIn("hello"));
        long b = processes.mmap(child, 0, PAGE, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
        assertEquals("bind:1 1", vmas(child, b, b + PAGE), "exec keeps the task's policy");
        policies.setMempolicy(child, MemoryPolicies.MPOL_DEFAULT, 0);
        assertEquals("default 1", vmas(child, b, b + PAGE));
        assertEquals("bind:1", policies.numaMaps(parent).get(0).policy(), "the parent's policy is its own");
    }

    @Test
    void aVmasPolicySurvivesSplitsAndMergesBackWhenEqual() {
        int pid = processes.spawn("p", ProgramImages.builtIn("hello"));
        long a = processes.mmap(pid, 0, 8 * PAGE, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS, null, 0);
        policies.mbind(pid, a + 2 * PAGE, 4 * PAGE, MemoryPolicies.MPOL_INTERLEAVE, 0b11, 0);
        assertEquals("default 2, interleave:0-1 4, default 2", vmas(pid, a, a + 8 * PAGE));
        // mprotect splits the interleaved VMA: both parts keep its policy.
        processes.mprotect(pid, a + 3 * PAGE, PAGE, Prot.PROT_READ);
        assertEquals("default 2, interleave:0-1 1, interleave:0-1 1, interleave:0-1 2, default 2",
                vmas(pid, a, a + 8 * PAGE));
        processes.mprotect(pid, a + 3 * PAGE, PAGE, Prot.PROT_READ | Prot.PROT_WRITE);
        assertEquals("default 2, interleave:0-1 4, default 2", vmas(pid, a, a + 8 * PAGE));
        // An equal policy over the rest makes the VMAs alike again: one VMA.
        policies.mbind(pid, a, 8 * PAGE, MemoryPolicies.MPOL_INTERLEAVE, 0b11, 0);
        assertEquals("interleave:0-1 8", vmas(pid, a, a + 8 * PAGE));
        policies.mbind(pid, a, 8 * PAGE, MemoryPolicies.MPOL_DEFAULT, 0, 0);
        assertEquals("default 8", vmas(pid, a, a + 8 * PAGE));
    }
}
