package org.mmsim.tools.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.plot.LineChart;
import org.mmsim.tools.plot.SvgCanvas;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioRunner;

/**
 * {@code ./mm run FILE --plot OUT.svg}: the run's timeline, sampled every {@link #PERIOD_NANOS} of simulated time and
 * after every line — free memory per zone, the page cache, swap in use and each process's RSS in MiB, reclaim's
 * pages scanned and reclaimed per second, and the share of loads the CPUs' L1d and last-level caches missed (every
 * CPU's perf counts) — drawn as three charts over simulated seconds, OOM kills marked on each.
 */
final class RunTimeline implements ScenarioRunner.StepListener {
    /** A sample every 100 ms of simulated time. */
    static final long PERIOD_NANOS = 100_000_000;
    private final List<Double> times = new ArrayList<>();
    private final Map<String, List<Double>> memory = new LinkedHashMap<>();
    private final Map<Integer, List<Double>> rss = new LinkedHashMap<>();
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final List<Double> scanned = new ArrayList<>();
    private final List<Double> stolen = new ArrayList<>();
    private final List<Double> kills = new ArrayList<>();
    private final List<Double> l1dMisses = new ArrayList<>();
    private final List<Double> llcMisses = new ArrayList<>();
    private org.mmsim.api.physical.PerfCounts lastCounts = new org.mmsim.api.physical.PerfCounts(0, 0, 0, 0, 0, 0, 0, 0);
    private double l1dMissRate;
    private double llcMissRate;
    private long lastScan;
    private long lastSteal;
    private long lastKills;
    private double lastTime = -1;
    private double rateTime;
    private double scanRate;
    private double stealRate;
    private String title = "";

    @Override
    public void booted(SimulatedMachine machine) {
        sample(machine);
        machine.timers().schedule(PERIOD_NANOS, new org.mmsim.api.time.SimEvent() {
            @Override
            public void fire(long nowNanos) {
                sample(machine);
                machine.timers().schedule(PERIOD_NANOS, this);
            }
        });
    }

    @Override
    public void after(ScenarioLine line, java.util.List<org.mmsim.tools.scenario.Session.Printed> printed,
                      SimulatedMachine machine) {
        title = line.file();
        sample(machine);
    }

    private void sample(SimulatedMachine machine) {
        double t = machine.clock().nanos() / 1e9;
        var v = machine.vmstat();
        long scan = v.get(VmItem.PGSCAN_KSWAPD) + v.get(VmItem.PGSCAN_DIRECT);
        long steal = v.get(VmItem.PGSTEAL_KSWAPD) + v.get(VmItem.PGSTEAL_DIRECT);
        long killed = v.get(VmItem.OOM_KILL);
        if (killed > lastKills) {
            kills.add(t);
        }
        double dt = t - lastTime;
        if (lastTime >= 0 && dt <= 0) {
            // Lines that take no time: one sample a moment, the latest.
            times.remove(times.size() - 1);
            memory.values().forEach(l -> l.remove(l.size() - 1));
            rss.values().forEach(l -> l.remove(l.size() - 1));
            scanned.remove(scanned.size() - 1);
            stolen.remove(stolen.size() - 1);
            l1dMisses.remove(l1dMisses.size() - 1);
            llcMisses.remove(llcMisses.size() - 1);
        }
        times.add(t);
        int n = times.size();
        for (ZoneInfo zone : machine.physicalMemory().zones()) {
            if (zone.populated()) {
                String name = "free " + (machine.config().nodes() > 1 ? "node " + zone.node() + " " : "") + zone.type().kernelName();
                series(memory, name, n).add(mib(zone.freePages()));
            }
        }
        series(memory, "page cache", n).add(mib(v.get(VmItem.NR_FILE_PAGES) - v.get(VmItem.NR_SWAPCACHED)));
        series(memory, "swap used", n).add(mib(machine.swap().totalPages() - machine.swap().freePages()));
        java.util.Set<Integer> alive = new java.util.HashSet<>();
        for (TaskInfo task : machine.processes().tasks()) {
            alive.add(task.pid());
            names.putIfAbsent(task.pid(), task.name() + " (" + task.pid() + ")");
            series(rss, task.pid(), n).add(mib(task.counters().rss()));
        }
        rss.forEach((pid, values) -> {
            if (!alive.contains(pid) && values.size() < n) {
                values.add(0.0);
            }
        });
        // Rates over at least half a period: a line ending just after a sample would give a spike, not a rate.
        double interval = t - rateTime;
        if (interval >= PERIOD_NANOS / 2e9) {
            scanRate = (scan - lastScan) / interval;
            stealRate = (steal - lastSteal) / interval;
            lastScan = scan;
            lastSteal = steal;
            rateTime = t;
            org.mmsim.api.physical.PerfCounts counts = cacheCounts(machine);
            org.mmsim.api.physical.PerfCounts delta = counts.since(lastCounts);
            l1dMissRate = percent(delta.l1dLoadMisses(), delta.l1dLoads());
            llcMissRate = percent(delta.llcLoadMisses(), delta.llcLoads());
            lastCounts = counts;
        }
        scanned.add(scanRate);
        stolen.add(stealRate);
        l1dMisses.add(l1dMissRate);
        llcMisses.add(llcMissRate);
        lastKills = killed;
        lastTime = t;
    }

    /** Every CPU's counts, summed as perf stat -a sums them. */
    private static org.mmsim.api.physical.PerfCounts cacheCounts(SimulatedMachine machine) {
        org.mmsim.api.physical.MemoryHierarchy caches = machine.memoryHierarchy();
        org.mmsim.api.physical.PerfCounts sum = caches.counts(0);
        for (int cpu = 1; cpu < caches.cpus(); cpu++) {
            sum = sum.plus(caches.counts(cpu));
        }
        return sum;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** A series, padded with zeros for the samples before it appeared. */
    private static <K> List<Double> series(Map<K, List<Double>> all, K key, int samples) {
        List<Double> values = all.computeIfAbsent(key, k -> new ArrayList<>());
        while (values.size() < samples - 1) {
            values.add(0.0);
        }
        return values;
    }

    private static double mib(long pages) {
        return pages / 256.0;
    }

    /** The charts in one SVG document, one below the other. */
    String svg() {
        StringBuilder body = new StringBuilder();
        int top = 0;
        for (LineChart chart : charts()) {
            body.append(chart.body(top));
            top += chart.height();
        }
        return SvgCanvas.documentOf(800, top, body.toString());
    }

    /** The charts in one PNG image, one below the other. */
    byte[] png() {
        LineChart[] charts = charts();
        int height = 0;
        for (LineChart chart : charts) {
            height += chart.height();
        }
        org.mmsim.tools.plot.PngCanvas canvas = new org.mmsim.tools.plot.PngCanvas(800, height);
        int top = 0;
        for (LineChart chart : charts) {
            chart.draw(canvas, top);
            top += chart.height();
        }
        return canvas.bytes();
    }

    private LineChart[] charts() {
        double[] x = times.stream().mapToDouble(Double::doubleValue).toArray();
        LineChart memoryChart = new LineChart("Memory over time: " + title, "simulated time (s)", "MiB", false, 420);
        memory.forEach((name, values) -> memoryChart.add(new LineChart.Series(name, x, array(values, x.length))));
        rss.forEach((pid, values) -> memoryChart.add(new LineChart.Series("RSS " + names.get(pid), x, array(values, x.length))));
        LineChart reclaimChart = new LineChart("Reclaim: " + title, "simulated time (s)", "pages/s", false, 320)
                .add(new LineChart.Series("pgscan/s", x, array(scanned, x.length)))
                .add(new LineChart.Series("pgsteal/s", x, array(stolen, x.length)));
        LineChart cacheChart = new LineChart("CPU caches: " + title, "simulated time (s)", "% of loads missed", false, 320)
                .add(new LineChart.Series("L1d misses", x, array(l1dMisses, x.length)))
                .add(new LineChart.Series("LLC misses", x, array(llcMisses, x.length)));
        LineChart[] charts = {memoryChart, reclaimChart, cacheChart};
        for (double t : kills) {
            for (LineChart chart : charts) {
                chart.mark(new LineChart.Marker(t, "OOM kill"));
            }
        }
        return charts;
    }

    private static double[] array(List<Double> values, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length && i < values.size(); i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
