package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mmsim.api.KernelPanicException;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.Mmsim;

/**
 * The OOM killer under random workloads on a 48 MiB machine without swap: programs of random sizes and
 * oom_score_adj (-1000 often) write their memory page by page until RAM runs out, some more than once over. After
 * every access: init and every task at -1000 are alive (the killer never picks an unkillable task); a task whose
 * fault ran the killer and survived got its page (the victim freed enough, and the allocation was retried), so a
 * fault on a mapped page never fails otherwise; a panic comes only when nothing killable is left; and oom_kill
 * counts the report's kills.
 */
class OomKillerPropertiesTest {
    private static final long PAGE = 4096;

    record Program(int megabytes, int adj) {
    }

    @Provide
    Arbitrary<List<Program>> workloads() {
        Arbitrary<Integer> adj = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(-1000)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(-999, 1000)));
        Arbitrary<Program> program = Combinators.combine(Arbitraries.integers().between(1, 30), adj).as(Program::new);
        return program.list().ofMinSize(2).ofMaxSize(6);
    }

    @Property(tries = 25)
    void theKillerSparesTheUnkillableAndAFaultThatSurvivesGetsItsPage(@ForAll("workloads") List<Program> programs) {
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(48L << 20).swapBytes(0).build());
        Processes processes = machine.processes();
        int[] pids = new int[programs.size()];
        long[] addrs = new long[programs.size()];
        for (int i = 0; i < programs.size(); i++) {
            pids[i] = processes.spawn("p" + i, ProgramImages.builtIn("hello"));
            processes.setOomScoreAdj(pids[i], programs.get(i).adj());
            addrs[i] = processes.malloc(pids[i], (long) programs.get(i).megabytes() << 20);
        }
        try {
            for (int i = 0; i < programs.size(); i++) {
                long pages = ((long) programs.get(i).megabytes() << 20) / PAGE;
                for (long p = 0; p < pages && alive(processes, pids[i]); p++) {
                    touch(machine, pids[i], addrs[i] + p * PAGE);
                }
            }
        } catch (KernelPanicException e) {
            for (TaskInfo t : processes.tasks()) {
                assertTrue(t.pid() == 1 || t.oomScoreAdj() == -1000, "a panic with " + t.name() + " still killable");
            }
        }
        long reported = machine.kernelLog().drain().stream().filter(l -> l.contains("] Out of memory: Killed process ")).count();
        assertEquals(reported, machine.vmstat().get(VmItem.OOM_KILL));
    }

    private static boolean alive(Processes processes, int pid) {
        return processes.tasks().stream().anyMatch(t -> t.pid() == pid);
    }

    private static void touch(Machine machine, int pid, long vaddr) {
        Processes processes = machine.processes();
        Set<Integer> unkillable = new HashSet<>();
        for (TaskInfo t : processes.tasks()) {
            if (t.pid() == 1 || t.oomScoreAdj() == -1000) {
                unkillable.add(t.pid());
            }
        }
        long killsBefore = machine.vmstat().get(VmItem.OOM_KILL);
        int result;
        try {
            result = processes.access(pid, vaddr, AccessType.WRITE);
        } finally {
            for (int p : unkillable) {
                assertTrue(alive(processes, p), "the OOM killer killed unkillable pid " + p);
            }
        }
        if (result == Processes.OOM_KILLED) {
            assertFalse(alive(processes, pid));
            assertTrue(machine.vmstat().get(VmItem.OOM_KILL) > killsBefore);
            return;
        }
        assertTrue(result == Processes.MINOR_FAULT || result == Processes.NO_FAULT,
                "a write to malloc'd memory faults it in, or the writer is killed; got " + result);
        assertTrue(processes.pagemap(pid, vaddr) >= 0, "the page is there after the fault");
    }
}
