package org.mmsim.tools.view;

import org.mmsim.api.Machine;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * {@code sar -B}: paging rates from /proc/vmstat deltas, as sysstat derives them (rd_stats.c read_vmstat_paging(),
 * pr_stats.c print_paging_stats()): pgpgin/s and pgpgout/s in KiB, fault/s (minor and major), majflt/s, pgfree/s,
 * pgscank/s and pgscand/s (pages scanned by kswapd and in direct reclaim), pgsteal/s (pages reclaimed: pgsteal_anon
 * plus pgsteal_file, as sysstat sums them since it stopped counting both pairs of pgsteal_ lines) and %vmeff, the
 * share of the pages scanned that were reclaimed (sysstat 12.7.4 and older; 0 when nothing was scanned).
 */
public final class SarPaging {
    private static final String[] COLUMNS = {"pgpgin/s", "pgpgout/s", "fault/s", "majflt/s", "pgfree/s",
        "pgscank/s", "pgscand/s", "pgsteal/s", "%vmeff"};

    /** The counters at one moment. */
    public record Sample(long nanos, long pgpgin, long pgpgout, long fault, long majflt, long pgfree, long pgscank,
                         long pgscand, long pgsteal) {
        /** Every counter at boot: rates from it are sar's averages since boot ({@code sar -B 0}). */
        public static final Sample BOOT = new Sample(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The machine's counters now. */
        public static Sample of(Machine machine) {
            VmStat v = machine.vmstat();
            return new Sample(machine.clock().nanos(), v.get(VmItem.PGPGIN), v.get(VmItem.PGPGOUT),
                    v.get(VmItem.PGFAULT), v.get(VmItem.PGMAJFAULT), v.get(VmItem.PGFREE), v.get(VmItem.PGSCAN_KSWAPD),
                    v.get(VmItem.PGSCAN_DIRECT), v.get(VmItem.PGSTEAL_ANON) + v.get(VmItem.PGSTEAL_FILE));
        }
    }

    private SarPaging() {
    }

    /** sysstat's first line: {@code Linux RELEASE (NODENAME) \tDATE \t_MACHINE_\t(N CPU)}, then a blank line. */
    public static String banner(Machine machine) {
        return String.format("%s %s (%s) \t%s \t_%s_\t(%d CPU)%n", Uname.SYSNAME, Uname.RELEASE, Uname.NODENAME,
                Uname.date(machine.clock().nanos()), Uname.machine(machine.config()), machine.config().cpus());
    }

    /** The column heads, after a blank line, stamped with the time the first interval starts. */
    public static String header(long nanos) {
        StringBuilder line = new StringBuilder(String.format("%n%-11s", Uname.clock(nanos)));
        for (String column : COLUMNS) {
            line.append(String.format(" %9s", column));
        }
        return line.append(String.format("%n")).toString();
    }

    /** One interval's rates, labelled with the time it ends or with {@code Average:}. */
    public static String line(String label, Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        long scanned = (to.pgscank() - from.pgscank()) + (to.pgscand() - from.pgscand());
        long stolen = to.pgsteal() - from.pgsteal();
        double vmeff = scanned == 0 ? 0 : 100.0 * stolen / scanned;
        return String.format("%-11s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", label,
                rate(from.pgpgin(), to.pgpgin(), seconds), rate(from.pgpgout(), to.pgpgout(), seconds),
                rate(from.fault(), to.fault(), seconds), rate(from.majflt(), to.majflt(), seconds),
                rate(from.pgfree(), to.pgfree(), seconds), rate(from.pgscank(), to.pgscank(), seconds),
                rate(from.pgscand(), to.pgscand(), seconds), rate(from.pgsteal(), to.pgsteal(), seconds), vmeff);
    }

    private static double rate(long from, long to, double seconds) {
        return seconds == 0 ? 0 : (to - from) / seconds;
    }
}
