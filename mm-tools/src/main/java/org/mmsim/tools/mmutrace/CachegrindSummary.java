package org.mmsim.tools.mmutrace;

import java.util.List;
import java.util.Locale;
import org.mmsim.api.physical.CacheLevelStats;

/**
 * cachegrind's closing summary (cg_fini() in cachegrind/cg_main.c of valgrind 3.19), from the counts of a
 * {@link org.mmsim.api.physical.CpuCaches#cachegrind} hierarchy, without the {@code ==PID==} prefix of each line: the
 * first column as wide as the I refs with their thousands separators, the read and write columns as wide as the data
 * reads and writes, and the miss rates in those widths (instructions to two decimals, the rest to one).
 */
public final class CachegrindSummary {
    private CachegrindSummary() {
    }

    /**
     * The summary's lines.
     *
     * @param levels the I1, D1 and LL counts, in that order, as a cachegrind hierarchy's {@code stats()} gives them
     */
    public static String format(List<CacheLevelStats> levels) {
        CacheLevelStats i1 = levels.get(0);
        CacheLevelStats d1 = levels.get(1);
        CacheLevelStats ll = levels.get(2);
        long ir = i1.fetches();
        long dr = d1.reads();
        long dw = d1.writes();
        int w1 = width(ir);
        int w2 = width(dr);
        int w3 = width(dw);
        StringBuilder out = new StringBuilder();
        String one = "%s %," + w1 + "d%n";
        out.append(String.format(Locale.ROOT, one, "I   refs:     ", ir));
        out.append(String.format(Locale.ROOT, one, "I1  misses:   ", i1.fetchMisses()));
        out.append(String.format(Locale.ROOT, one, "LLi misses:   ", ll.fetchMisses()));
        long irs = Math.max(ir, 1);
        out.append(String.format(Locale.ROOT, "I1  miss rate: %" + w1 + ".2f%%%n", i1.fetchMisses() * 100.0 / irs));
        out.append(String.format(Locale.ROOT, "LLi miss rate: %" + w1 + ".2f%%%n", ll.fetchMisses() * 100.0 / irs));
        out.append(String.format("%n"));
        String three = "%s %," + w1 + "d  (%," + w2 + "d rd   + %," + w3 + "d wr)%n";
        out.append(String.format(Locale.ROOT, three, "D   refs:     ", dr + dw, dr, dw));
        out.append(String.format(Locale.ROOT, three, "D1  misses:   ", d1.misses(), d1.readMisses(), d1.writeMisses()));
        out.append(String.format(Locale.ROOT, three, "LLd misses:   ", ll.readMisses() + ll.writeMisses(), ll.readMisses(),
                ll.writeMisses()));
        String rates = "%s %" + w1 + ".1f%% (%" + w2 + ".1f%%     + %" + w3 + ".1f%%  )%n";
        long ds = Math.max(dr + dw, 1);
        long drs = Math.max(dr, 1);
        long dws = Math.max(dw, 1);
        out.append(String.format(Locale.ROOT, rates, "D1  miss rate:", d1.misses() * 100.0 / ds,
                d1.readMisses() * 100.0 / drs, d1.writeMisses() * 100.0 / dws));
        out.append(String.format(Locale.ROOT, rates, "LLd miss rate:", (ll.readMisses() + ll.writeMisses()) * 100.0 / ds,
                ll.readMisses() * 100.0 / drs, ll.writeMisses() * 100.0 / dws));
        out.append(String.format("%n"));
        // The LL's references are the first level's misses, its misses the LLi and LLd misses; reads include fetches.
        out.append(String.format(Locale.ROOT, three, "LL refs:      ", ll.references(), ll.fetches() + ll.reads(),
                ll.writes()));
        out.append(String.format(Locale.ROOT, three, "LL misses:    ", ll.misses(), ll.fetchMisses() + ll.readMisses(),
                ll.writeMisses()));
        out.append(String.format(Locale.ROOT, rates, "LL miss rate: ", ll.misses() * 100.0 / (irs + ds),
                (ll.fetchMisses() + ll.readMisses()) * 100.0 / (irs + drs), ll.writeMisses() * 100.0 / dws));
        return out.toString();
    }

    /** cg_main.c's ULong_width(): the digits of {@code n} and a separator every three. */
    private static int width(long n) {
        int digits = Long.toString(Math.max(n, 0)).length();
        return digits + (digits - 1) / 3;
    }
}
