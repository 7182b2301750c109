package org.mmsim.trace;

import java.util.Arrays;
import org.mmsim.trace.mrc.StackDistances;

/**
 * The miss ratio an LRU cache of every size would have on a trace, from one pass over it: Mattson's stack distances,
 * exact, or estimated with SHARDS from a spatially hashed sample of the keys. The exact curve equals a replay of
 * {@code lru} at every capacity.
 *
 * <pre>{@code
 * MissRatioCurve mrc = MissRatioCurve.exact(Trace.open(file, TraceFormat.U32BE));
 * double at1000 = mrc.missRatio(1000);
 * }</pre>
 *
 * @param requests the trace's requests
 * @param distinctKeys its distinct keys (estimated, when sampled)
 * @param coldMisses first requests of a key, a miss at every size (estimated, when sampled)
 * @param sampleRate the share of keys followed (1 when exact)
 */
public record MissRatioCurve(long requests, long distinctKeys, long coldMisses, double sampleRate, double[] ratios) {
    public MissRatioCurve {
        ratios = ratios.clone();
    }

    /** The exact curve. */
    public static MissRatioCurve exact(Trace trace) {
        return sampled(trace, 1);
    }

    /**
     * The SHARDS estimate from the keys whose hash falls in a share {@code rate} of the hash space.
     *
     * @throws IllegalArgumentException for a rate not above 0 and at most 1
     */
    public static MissRatioCurve sampled(Trace trace, double rate) {
        StackDistances distances = new StackDistances(rate);
        trace.decode(distances);
        return new MissRatioCurve(distances.requests(), distances.distinctKeys(), distances.coldMisses(), rate,
                distances.missRatios());
    }

    /** The miss ratio of a cache of {@code pages} pages (1 for none; the cold-miss ratio beyond the distinct keys). */
    public double missRatio(long pages) {
        if (pages < 0) {
            throw new IllegalArgumentException("cache of " + pages + " pages; expected 0 or more");
        }
        return ratios[(int) Math.min(pages, ratios.length - 1)];
    }

    /** Element {@code c} is the miss ratio of a cache of {@code c} pages, up to the distinct keys. */
    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MissRatioCurve m && requests == m.requests && distinctKeys == m.distinctKeys
                && coldMisses == m.coldMisses && sampleRate == m.sampleRate && Arrays.equals(ratios, m.ratios);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requests) * 31 + Arrays.hashCode(ratios);
    }

    @Override
    public String toString() {
        return "MissRatioCurve[requests=" + requests + ", distinctKeys=" + distinctKeys + ", sampleRate=" + sampleRate + "]";
    }
}
