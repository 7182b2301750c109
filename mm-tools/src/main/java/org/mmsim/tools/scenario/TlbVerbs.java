package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TlbStats;

/**
 * The CPUs' TLBs, as arch/x86/mm/tlb.c keeps them: {@code switch CPU NAME} is a context switch (switch_mm, which
 * flushes the TLB unless PCIDs tag its entries), and {@code tlbstat} prints each CPU's counters since boot.
 */
final class TlbVerbs {
    private TlbVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("switch", "switch CPU NAME", "context-switch a CPU to a process (TLB flushed without PCIDs)",
                        TlbVerbs::switchTo),
                Verb.plain("tlbstat", "tlbstat",
                        "each CPU's TLB hits and misses per level, page walks, flushes, INVLPGs and shootdowns",
                        TlbVerbs::tlbstat));
    }

    /** {@code switch CPU NAME}: NAME's accesses then run on CPU. */
    private static Step switchTo(ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        int cpu;
        try {
            cpu = Integer.parseInt(line.words().get(1));
        } catch (NumberFormatException e) {
            throw line.error("bad CPU '" + line.words().get(1) + "'; expected a number");
        }
        String name = line.words().get(2);
        return session -> switchTo(session, line, cpu, name);
    }

    /** A context switch of {@code cpu} to process {@code name}: its accesses and allocations then run there. */
    static void switchTo(Session session, ScenarioLine line, int cpu, String name) {
        try {
            session.machine().processes().switchTo(cpu, ProcessNames.pidOf(session, name));
            session.machine().pageAllocator().setCurrentCpu(cpu);
            session.machine().slabAllocator().setCurrentCpu(cpu);
        } catch (SyscallException e) {
            throw line.error(e.getMessage());
        }
    }

    /** {@code tlbstat}. */
    private static Step tlbstat(ScenarioLine line, String usage) {
        line.expectWords(1, usage);
        return session -> {
            StringBuilder text = new StringBuilder(String.format("%3s %12s %10s %8s %12s %10s %8s %8s %8s %8s %10s%n",
                    "cpu", "dTLB-hits", "dSTLB-hits", "d-miss", "iTLB-hits", "iSTLB-hits", "i-miss", "walks",
                    "flushes", "invlpg", "shootdowns"));
            for (int cpu = 0; cpu < session.machine().config().cpus(); cpu++) {
                TlbStats t = session.machine().processes().tlbStats(cpu);
                text.append(String.format("%3d %12d %10d %8d %12d %10d %8d %8d %8d %8d %10d%n", cpu, t.dataL1Hits(),
                        t.dataL2Hits(), t.dataMisses(), t.instructionL1Hits(), t.instructionL2Hits(),
                        t.instructionMisses(), t.walks(), t.flushes(), t.invalidations(), t.shootdowns()));
            }
            session.print(text.toString());
        };
    }
}
