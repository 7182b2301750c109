package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.LineClock;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.units.Sizes;

/**
 * What {@code ./mm run} prints as the scenario runs. As text, each line's output is written and flushed as soon as the
 * line ends, in order (unless {@code --step} shows it). As JSON, one document at the end, made of what the run kept
 * after each line: the output of the lines that ended, the uptime and /proc/vmstat then; so a run stopped by a signal,
 * even in the middle of a line that does not stop, still prints a whole document of the lines before. A stop by a
 * signal ends with {@code mm: stopped at FILE:N (SIGINT)} on stderr, N the line that was running. The signal's thread
 * and the run's take turns here: what one prints is never cut by the other.
 */
final class RunOutput implements ScenarioRunner.StepListener {
    /** What the run prints on standard output. */
    enum Mode { TEXT, JSON, NONE }

    private final String file;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;
    private final LineProgress progress;
    private final List<Session.Printed> printed = new ArrayList<>();
    private final long[] vmstat = new long[VmItem.values().length];
    private MachineConfig config;
    private long uptimeNanos;
    private ScenarioLine running;
    /** Whether the run's end was printed: nothing more is. */
    private boolean ended;

    RunOutput(String file, PrintWriter out, PrintWriter err, Mode mode, LineProgress progress) {
        this.file = file;
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.progress = progress;
    }

    @Override
    public synchronized void booted(SimulatedMachine machine) {
        config = machine.config();
        keep(machine);
    }

    @Override
    public synchronized void before(ScenarioLine line, LineClock clock) {
        running = line;
        progress.lineBegins(line, clock);
    }

    @Override
    public synchronized void after(ScenarioLine line, List<Session.Printed> lines, SimulatedMachine machine) {
        progress.lineEnded();
        if (ended) {
            // A signal's thread printed the end while the line ran on: what it printed comes too late.
            return;
        }
        if (mode == Mode.TEXT) {
            lines.forEach(p -> out.print(p.text()));
            out.flush();
        } else if (mode == Mode.JSON) {
            printed.addAll(lines);
            keep(machine);
        }
    }

    /** Keeps the machine's uptime and counters for the JSON document. */
    private void keep(SimulatedMachine machine) {
        if (mode == Mode.JSON) {
            uptimeNanos = machine.clock().nanos();
            for (VmItem item : VmItem.values()) {
                vmstat[item.ordinal()] = machine.vmstat().get(item);
            }
        }
    }

    /**
     * The run ended, by itself or by the error that stopped it: with --json, the document.
     *
     * @param panic why the kernel panicked, or null
     * @param error the line the run failed with, or null
     */
    synchronized void end(String panic, String error) {
        if (!ended) {
            ended = true;
            print(panic, error, null);
        }
    }

    /**
     * A signal stopped the run: with --json the document of the lines that ended, then where it stopped, on stderr.
     *
     * @return false if the run had already ended, and printed its end
     */
    synchronized boolean interrupted(String signal) {
        if (ended) {
            return false;
        }
        ended = true;
        progress.lineEnded();
        print(null, null, signal);
        err.println("mm: stopped at " + (running == null ? file : running.file() + ":" + running.number())
                + " (" + signal + ")");
        err.flush();
        return true;
    }

    private void print(String panic, String error, String signal) {
        if (mode == Mode.JSON && config != null) {
            out.print(json(panic, error, signal));
        }
        out.flush();
    }

    /** The run as JSON: what ended of it, and why it stopped (a panic, an error, a signal), if it did. */
    private String json(String panic, String error, String signal) {
        ObjectNode root = Json.object();
        root.put("scenario", file);
        ObjectNode machine = root.putObject("machine");
        machine.put("arch", config.arch().unameName())
                .put("ram", Sizes.format(config.ramBytes()))
                .put("swap", Sizes.format(config.swapBytes()))
                .put("nodes", config.nodes())
                .put("cpus", config.cpus())
                .put("levels", config.pagingLevels())
                .put("movablecore", Sizes.format(config.movableCoreBytes()))
                .put("thp", config.thp().sysfsName())
                .put("policy", config.replacementPolicy())
                .put("oom", config.oomPolicy())
                .put("seed", config.seed())
                .put("dtlb", config.tlb().dtlbEntries() + "x" + config.tlb().dtlbWays())
                .put("itlb", config.tlb().itlbEntries() + "x" + config.tlb().itlbWays())
                .put("stlb", config.tlb().stlbEntries() + "x" + config.tlb().stlbWays())
                .put("pcid", config.tlb().pcid() ? "on" : "off")
                .put("disk_bw", Sizes.format(config.disk().bandwidth()))
                .put("disk_latency", config.disk().latencyNanos() + "ns")
                .put("cpu", config.cpu().model() + (config.cpu().custom() ? " (custom)" : ""))
                .put("memory", config.memory().keyName());
        config.swapDisk().ifPresent(disk -> machine.put("swap_disk_bw", Sizes.format(disk.bandwidth()))
                .put("swap_disk_latency", disk.latencyNanos() + "ns"));
        root.put("uptimeNanos", uptimeNanos);
        if (panic != null) {
            root.put("panic", panic);
        }
        if (error != null) {
            root.put("error", error);
        }
        if (signal != null) {
            root.putObject("stopped").put("line", running == null ? 0 : running.number()).put("signal", signal);
        }
        ArrayNode output = root.putArray("output");
        for (Session.Printed p : printed) {
            output.addObject().put("line", p.line()).put("text", p.text());
        }
        ObjectNode counters = root.putObject("vmstat");
        for (VmItem item : VmItem.values()) {
            counters.put(item.kernelName(), vmstat[item.ordinal()]);
        }
        return Json.write(root);
    }
}
