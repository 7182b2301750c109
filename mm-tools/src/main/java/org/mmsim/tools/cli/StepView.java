package org.mmsim.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;

/**
 * {@code ./mm run --step}: after each line, the line, what it printed, and what it changed — every /proc/vmstat item
 * that moved (free frames, the LRU lists, page-table pages, faults, reclaim, swap...), the TLBs' hits, misses, walks
 * and flushes over all CPUs, and the page-table entries that came, went or changed frame in each process (read as
 * /proc/PID/pagemap reads them, the first few listed) — then, on a terminal, a pause until Enter.
 */
final class StepView implements ScenarioRunner.StepListener {
    private static final String[] TLB = {"dTLB L1 hits", "dTLB L2 hits", "dTLB misses", "iTLB L1 hits", "iTLB L2 hits",
        "iTLB misses", "page walks", "TLB flushes", "INVLPGs", "shootdowns"};
    private final PrintWriter out;
    private final BufferedReader pause;
    /** How many changed page-table entries a step lists before it only counts the rest. */
    private static final int PTES_LISTED = 8;
    private long[] vmstat;
    private long[] tlb;
    private Map<Integer, Mapped> frames = Map.of();

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
    public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine) {
        out.printf("--- %s:%d: %s%n", line.file(), line.number(), String.join(" ", line.words()));
        out.print(Session.Printed.text(printed));
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
        Map<Integer, Mapped> now = mappedFrames(machine);
        changed.append(pteChanges(machine, frames, now));
        frames = now;
        return changed.toString();
    }

    /** A process's mapped pages in address order, and the frame behind each. */
    private record Mapped(long[] addr, long[] pfn, int count) {
    }

    /** For each process, the frame behind each of its mapped pages. */
    private static Map<Integer, Mapped> mappedFrames(SimulatedMachine machine) {
        Map<Integer, Mapped> all = new TreeMap<>();
        Processes processes = machine.processes();
        for (TaskInfo task : processes.tasks()) {
            long[] addr = new long[64];
            long[] pfn = new long[64];
            int count = 0;
            for (VmaInfo vma : processes.vmas(task.pid())) {
                for (long page = vma.start(); page < vma.end(); page += 4096) {
                    long frame = processes.pagemap(task.pid(), page);
                    if (frame >= 0) {
                        if (count == addr.length) {
                            addr = Arrays.copyOf(addr, count * 2);
                            pfn = Arrays.copyOf(pfn, count * 2);
                        }
                        addr[count] = page;
                        pfn[count++] = frame;
                    }
                }
            }
            all.put(task.pid(), new Mapped(addr, pfn, count));
        }
        return all;
    }

    /**
     * The entries that came ({@code +}), went ({@code -}) or point at another frame ({@code ~}, a copy on write or a
     * page swapped back in elsewhere), the first {@link #PTES_LISTED} listed and the rest counted. A process that
     * came or went with the line is left out: its whole address space did.
     */
    private static String pteChanges(SimulatedMachine machine, Map<Integer, Mapped> before, Map<Integer, Mapped> after) {
        List<String> lines = new ArrayList<>();
        long changes = 0;
        for (Map.Entry<Integer, Mapped> process : after.entrySet()) {
            Mapped was = before.get(process.getKey());
            if (was == null) {
                continue;
            }
            String who = machine.processes().task(process.getKey()).name() + " (" + process.getKey() + ")";
            Mapped is = process.getValue();
            // Both are in address order: one merge finds what came, went or moved.
            int i = 0;
            int j = 0;
            while (i < was.count() || j < is.count()) {
                long oldAddr = i < was.count() ? was.addr()[i] : Long.MAX_VALUE;
                long newAddr = j < is.count() ? is.addr()[j] : Long.MAX_VALUE;
                String line = null;
                if (newAddr < oldAddr) {
                    line = String.format("    %-16s +%#014x  pfn %#x", who, newAddr, is.pfn()[j++]);
                } else if (oldAddr < newAddr) {
                    line = String.format("    %-16s -%#014x  (was pfn %#x)", who, oldAddr, was.pfn()[i++]);
                } else {
                    if (was.pfn()[i] != is.pfn()[j]) {
                        line = String.format("    %-16s ~%#014x  pfn %#x -> %#x", who, newAddr, was.pfn()[i], is.pfn()[j]);
                    }
                    i++;
                    j++;
                }
                if (line != null && changes++ < PTES_LISTED) {
                    lines.add(line);
                }
            }
        }
        if (changes == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder("  page-table entries:\n");
        lines.forEach(line -> text.append(line).append('\n'));
        if (changes > PTES_LISTED) {
            text.append("    ... and ").append(changes - PTES_LISTED).append(" more\n");
        }
        return text.toString();
    }
}
