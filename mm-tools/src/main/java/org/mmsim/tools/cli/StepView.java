package org.mmsim.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
    private Map<Integer, Map<Long, Long>> frames = Map.of();

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
        Map<Integer, Map<Long, Long>> now = mappedFrames(machine);
        changed.append(pteChanges(machine, frames, now));
        frames = now;
        return changed.toString();
    }

    /** For each process, the frame behind each of its mapped pages. */
    private static Map<Integer, Map<Long, Long>> mappedFrames(SimulatedMachine machine) {
        Map<Integer, Map<Long, Long>> all = new TreeMap<>();
        Processes processes = machine.processes();
        for (TaskInfo task : processes.tasks()) {
            Map<Long, Long> pages = new TreeMap<>();
            for (VmaInfo vma : processes.vmas(task.pid())) {
                for (long addr = vma.start(); addr < vma.end(); addr += 4096) {
                    long pfn = processes.pagemap(task.pid(), addr);
                    if (pfn >= 0) {
                        pages.put(addr, pfn);
                    }
                }
            }
            all.put(task.pid(), pages);
        }
        return all;
    }

    /**
     * The entries that came ({@code +}), went ({@code -}) or point at another frame ({@code ~}, a copy on write or a
     * page swapped back in elsewhere), the first {@link #PTES_LISTED} listed and the rest counted. A process that
     * came or went with the line is left out: its whole address space did.
     */
    private static String pteChanges(SimulatedMachine machine, Map<Integer, Map<Long, Long>> before,
                                     Map<Integer, Map<Long, Long>> after) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, Map<Long, Long>> process : after.entrySet()) {
            Map<Long, Long> was = before.get(process.getKey());
            if (was == null) {
                continue;
            }
            String who = machine.processes().task(process.getKey()).name() + " (" + process.getKey() + ")";
            Map<Long, Long> is = process.getValue();
            for (Map.Entry<Long, Long> page : is.entrySet()) {
                Long old = was.get(page.getKey());
                if (old == null) {
                    lines.add(String.format("    %-16s +%#014x  pfn %#x", who, page.getKey(), page.getValue()));
                } else if (!old.equals(page.getValue())) {
                    lines.add(String.format("    %-16s ~%#014x  pfn %#x -> %#x", who, page.getKey(), old, page.getValue()));
                }
            }
            for (Map.Entry<Long, Long> page : was.entrySet()) {
                if (!is.containsKey(page.getKey())) {
                    lines.add(String.format("    %-16s -%#014x  (was pfn %#x)", who, page.getKey(), page.getValue()));
                }
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("  page-table entries:\n");
        lines.stream().limit(PTES_LISTED).forEach(line -> text.append(line).append('\n'));
        if (lines.size() > PTES_LISTED) {
            text.append("    ... and ").append(lines.size() - PTES_LISTED).append(" more\n");
        }
        return text.toString();
    }
}
