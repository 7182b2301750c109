package org.mmsim.trace.mrc;

import org.mmsim.spi.util.LongIntHashMap;
import org.mmsim.trace.format.KeySink;

/**
 * LRU stack distances in one pass (Mattson et al. 1970), each in O(log n) as Bennett and Kruskal count them: every
 * key marks the time of its latest request in a Fenwick tree, so the distinct keys requested since a key's previous
 * request are the marks after it; its stack distance is that count plus one, and an LRU cache of C pages hits it
 * exactly when the distance is at most C. First requests are cold misses at every size.
 *
 * <p>With a sampling rate below 1 it is SHARDS (Waldspurger et al., FAST 2015): only the keys whose hash falls under
 * the threshold are followed, each distance found is scaled by 1/rate, and the histogram is corrected for the sample's
 * size (SHARDS-adj: the difference between the expected and the actual sampled requests goes to the first bucket).
 */
public final class StackDistances implements KeySink {
    private static final long MODULUS = 1L << 24;
    /** The smallest sampling rate: one hash bucket of {@code 2^24}. */
    public static final double MIN_RATE = 1.0 / MODULUS;
    private final long threshold;
    private final double rate;
    private final LongIntHashMap lastTime = new LongIntHashMap(1 << 16, -1);
    private int[] tree = new int[1 << 16];
    private long[] histogram = new long[1 << 10];
    private int time;
    private long requests;
    private long sampled;
    private long cold;

    /**
     * @param rate the share of keys followed, at most 1 (1: exact) and at least {@link #MIN_RATE}
     * @throws IllegalArgumentException for a rate outside those bounds
     */
    public StackDistances(double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("sampling rate " + rate + "; expected more than 0 and at most 1");
        }
        if (rate < MIN_RATE) {
            // Keys are sampled by a hash into 2^24 buckets: a smaller rate leaves no bucket, so no key is followed.
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "sampling rate %s follows no key (keys are hashed into 2^24 buckets); expected at least %.3g",
                    rate, MIN_RATE));
        }
        this.rate = rate;
        this.threshold = rate == 1 ? MODULUS : (long) (rate * MODULUS);
    }

    @Override
    public void accept(long key) {
        requests++;
        if (threshold < MODULUS && (mix(key) & (MODULUS - 1)) >= threshold) {
            return;
        }
        sampled++;
        if (time + 1 >= tree.length) {
            grow();
        }
        int now = ++time;
        int previous = lastTime.put(key, now);
        if (previous < 0) {
            cold++;
        } else {
            long distance = count(now - 1) - count(previous) + 1;
            add(previous, -1);
            long scaled = rate == 1 ? distance : Math.max(1, Math.round(distance / rate));
            if (scaled >= histogram.length) {
                histogram = java.util.Arrays.copyOf(histogram, (int) Math.max(scaled + 1, histogram.length * 2L));
            }
            histogram[(int) scaled]++;
        }
        add(now, 1);
    }

    /** splitmix64's finaliser: a key's hash, so that sampling picks keys, not requests. */
    private static long mix(long key) {
        long z = key + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long count(int index) {
        long sum = 0;
        for (int i = index; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    private void add(int index, int delta) {
        for (int i = index; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** Doubles the tree: rebuilt from the marks (one per key followed, at its latest time), in O(n). */
    private void grow() {
        int[] bigger = new int[tree.length * 2];
        for (int i = 1; i <= time; i++) {
            bigger[i] += count(i) - count(i - 1);
            int parent = i + (i & -i);
            if (parent < bigger.length) {
                bigger[parent] += bigger[i];
            }
        }
        tree = bigger;
    }

    /** Requests seen (sampled or not). */
    public long requests() {
        return requests;
    }

    /** Distinct keys followed, as they are: the size of the sample a sampled curve rests on. */
    public long sampledKeys() {
        return lastTime.size();
    }

    /** Distinct keys followed, scaled to the whole trace. */
    public long distinctKeys() {
        return Math.round(lastTime.size() / rate);
    }

    /**
     * The miss ratio of every LRU cache size: element {@code c} is that of a cache of {@code c} pages (element 0,
     * no cache, is 1), up to the distinct keys (beyond which only cold misses are left).
     */
    public double[] missRatios() {
        long keys = Math.max(1, distinctKeys());
        double total = sampled == 0 ? 1 : sampled;
        long[] counts = java.util.Arrays.copyOf(histogram, (int) Math.max(histogram.length, keys + 1));
        if (rate < 1) {
            // SHARDS-adj: the sample's requests should be rate × requests; the difference is charged to distance 1.
            long expected = Math.round(requests * rate);
            counts[1] += expected - sampled;
            total = Math.max(1, expected);
        }
        double[] ratios = new double[(int) keys + 1];
        double misses = total;
        ratios[0] = 1;
        for (int c = 1; c <= keys; c++) {
            misses -= counts[c];
            ratios[c] = Math.max(0, Math.min(1, misses / total));
        }
        return ratios;
    }

    /** Cold misses (first requests), scaled to the whole trace. */
    public long coldMisses() {
        return Math.round(cold / rate);
    }
}
