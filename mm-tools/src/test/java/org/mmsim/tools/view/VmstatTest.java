package org.mmsim.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.mmsim.tools.proc.LinuxSamples;

/**
 * {@code vmstat} against the real machine of linux-6.18-samples. Its counters at the moment of the samples (vmstat
 * -s lists them: CPU ticks, pages in and out, interrupts, context switches) give back the first line of
 * {@code vmstat} and {@code vmstat -S M} byte for byte, through vmstat's own since-boot arithmetic: a count times
 * USER_HZ over the ticks of both CPUs. {@code vmstat -s} comes back whole.
 */
class VmstatTest {
    private static final String STAT = String.join("\n",
            "cpu  897 0 1813 768577 93 0 21 23 0 0",
            "cpu0 450 0 900 384000 50 0 10 12 0 0",
            "intr 154587",
            "ctxt 299979",
            "btime 1795553879",
            "processes 5327",
            "procs_running 1",
            "procs_blocked 0");
    private static final String VMSTAT = String.join("\n", "pgpgin 459861", "pgpgout 234248", "pswpin 0", "pswpout 0");

    private static final Vmstat.Layout KIB = new Vmstat.Layout(Vmstat.unit("K"), false, false);
    private static final Vmstat.Layout MIB = new Vmstat.Layout(Vmstat.unit("M"), false, false);
    private static final Vmstat.Layout ACTIVE = new Vmstat.Layout(Vmstat.unit("K"), true, false);

    private static String meminfo(long inactive) {
        return String.join("\n",
                "MemTotal:       24684084 kB",
                "MemFree:        24569080 kB",
                "MemAvailable:   24464588 kB",
                "Buffers:            1072 kB",
                "Cached:            22388 kB",
                "Active:            10392 kB",
                "Inactive:       " + inactive + " kB",
                "SwapTotal:             0 kB",
                "SwapFree:              0 kB",
                "SReclaimable:      13656 kB");
    }

    private static String sample(String name) throws IOException {
        return Files.readString(LinuxSamples.path(name));
    }

    @Test
    void theFirstLineIsSinceBoot() throws IOException {
        Vmstat.Sample s = Vmstat.Sample.parse(STAT, VMSTAT, meminfo(13008));
        assertEquals(sample("vmstat.txt"), Vmstat.header(KIB) + Vmstat.sinceBoot(s, KIB));
        assertEquals(sample("vmstat-SM.txt"), Vmstat.header(MIB) + Vmstat.sinceBoot(s, MIB));
    }

    @Test
    void activeAndInactiveInPlaceOfBuffersAndCache() throws IOException {
        // The -a sample was taken a moment later: two tasks running, 100 KiB more inactive.
        Vmstat.Sample s = Vmstat.Sample.parse(STAT.replace("procs_running 1", "procs_running 2"), VMSTAT, meminfo(13108));
        assertEquals(sample("vmstat-a.txt"), Vmstat.header(ACTIVE) + Vmstat.sinceBoot(s, ACTIVE));
    }

    @Test
    void theSummaryListsTheCounters() throws IOException {
        Vmstat.Sample s = Vmstat.Sample.parse(STAT, VMSTAT, meminfo(13008));
        assertEquals(sample("vmstat-s.txt"), Vmstat.summary(s, Vmstat.unit("K")));
    }

    @Test
    void anIntervalLineIsOverItsDelay() {
        Vmstat.Sample from = Vmstat.Sample.parse(STAT, VMSTAT, meminfo(13008));
        Vmstat.Sample to = Vmstat.Sample.parse(STAT.replace("cpu  897 0 1813 768577 93", "cpu  997 0 1863 768627 193")
                .replace("intr 154587", "intr 155087").replace("ctxt 299979", "ctxt 300979"),
                VMSTAT.replace("pswpin 0", "pswpin 512").replace("pgpgin 459861", "pgpgin 461909"), meminfo(13008));
        // 2 s: 512 pages in = 1024 KiB/s; 2048 KiB read = 1024/s; 500 interrupts, 1000 switches; of 300 ticks,
        // 100 user, 50 system, 50 idle, 100 I/O wait.
        assertEquals(" 1  0      0 24569080   1072  36044 1024    0  1024     0  250  500 33 17 17 33  0\n",
                Vmstat.interval(from, to, 2, KIB));
    }

    /**
     * {@code vmstat -w}: the sample's figures (its moment's shares: 69 us, 16 sy, 15 id over 100 ticks; 408 KiB read in
     * and 311 out, 378 interrupts and 962 switches per second since boot; five running) in the wide columns, with gu.
     */
    @Test
    void theWideLayoutHasWiderColumnsAndGuestTime() throws IOException {
        Vmstat.Sample s = Vmstat.Sample.parse(String.join("\n", "cpu  69 0 16 15 0 0 0 0 0 0", "intr 378", "ctxt 962",
                "procs_running 5", "procs_blocked 0"), "pgpgin 408\npgpgout 311\npswpin 0\npswpout 0",
                String.join("\n", "MemFree: 23069476 kB", "Buffers: 19704 kB", "Cached: 1300000 kB",
                        "SReclaimable: 33212 kB", "SwapTotal: 0 kB", "SwapFree: 0 kB"));
        Vmstat.Layout wide = new Vmstat.Layout(1024, false, true);
        assertEquals(sample("vmstat-w.txt"), Vmstat.header(wide) + Vmstat.sinceBoot(s, wide));
    }
}
