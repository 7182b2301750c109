package org.mmsim.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;

/**
 * {@code ./mm run --step}: after each line, the line, what it printed, and what it changed — every /proc/vmstat item
 * that moved (free frames, the LRU lists, page-table pages, faults, reclaim, swap...) and the TLBs' hits, misses, walks
 * and flushes over all CPUs — then, on a terminal, a pause until Enter.
 */
final class StepView implements ScenarioRunner.StepListener {
    private static final String[] TLB = {"dTLB L1 hits", "dTLB L2 hits", "dTLB misses", "iTLB L1 hits", "iTLB L2 hits",
        "iTLB misses", "page walks", "TLB flushes", "INVLPGs", "shootdowns"};
    private final PrintWriter out;
    private final BufferedReader pause;
    private long[] vmstat;
    private long[] tlb;

    /** @param pause where Enter is read from between lines, or null not to wait */
    StepView(PrintWriter out, BufferedReader pause) {
        this.out = out;
        this.pause = pause;
    }

    @Override
    public void booted(SimulatedMachine machine) {
        vmstat = new long[VmItem.values().length];
        tlb = new long[TLB.length];
        changes(machine);
    }

    @Override
    public void after(ScenarioLine line, String printed, SimulatedMachine machine) {
        out.printf("--- %s:%d: %s%n", line.file(), line.number(), String.join(" ", line.words()));
        out.print(printed);
        String changed = changes(machine);
        out.print(changed.isEmpty() ? "  (nothing changed)\n" : "  changed:\n" + changed);
        out.flush();
        if (pause != null) {
            out.print("[Enter for the next line] ");
            out.flush();
            try {
                pause.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What moved since the last look, a line each; the look is taken now. */
    private String changes(SimulatedMachine machine) {
        StringBuilder changed = new StringBuilder();
        for (VmItem item : VmItem.values()) {
            long now = machine.vmstat().get(item);
            long delta = now - vmstat[item.ordinal()];
            if (delta != 0) {
                changed.append(String.format("  %-32s %+d%n", item.kernelName(), delta));
            }
            vmstat[item.ordinal()] = now;
        }
        long[] sums = new long[TLB.length];
        for (int cpu = 0; cpu < machine.config().cpus(); cpu++) {
            TlbStats t = machine.processes().tlbStats(cpu);
            long[] v = {t.dataL1Hits(), t.dataL2Hits(), t.dataMisses(), t.instructionL1Hits(), t.instructionL2Hits(),
                t.instructionMisses(), t.walks(), t.flushes(), t.invalidations(), t.shootdowns()};
            for (int i = 0; i < v.length; i++) {
                sums[i] += v[i];
            }
        }
        for (int i = 0; i < TLB.length; i++) {
            if (sums[i] != tlb[i]) {
                changed.append(String.format("  %-32s %+d%n", TLB[i], sums[i] - tlb[i]));
            }
            tlb[i] = sums[i];
        }
        return changed.toString();
    }
}
