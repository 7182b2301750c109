package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Least frequently used: evicts the resident page with the fewest references, and among those the least recently
 * used. Exact and O(1) per call with the frequency buckets of Shah, Mitra &amp; Matani, "An O(1) algorithm for
 * implementing the LFU cache eviction scheme" (2010): a list of buckets in increasing frequency, each holding its
 * pages; a hit moves a page to the bucket one higher, created next to its own if missing.
 *
 * <p>Choices the scheme leaves open:
 * <ul>
 *   <li><b>In-cache LFU.</b> A page's count starts at 1 when it becomes resident (the miss that brought it in counts
 *       as its first reference) and is forgotten when it leaves; no history of evicted pages is kept, so there is no
 *       ghost state to bound. "Perfect LFU", which remembers counts across evictions, needs unbounded memory.</li>
 *   <li><b>Ties.</b> Among pages of equal count the one whose last reference (hit or insertion) is oldest goes first:
 *       each bucket keeps its pages in order of arrival, and a page arrives in a bucket exactly when it is
 *       referenced, so arrival order is recency order.</li>
 *   <li><b>No aging.</b> Counts never decay and are not capped (64-bit), so the policy stays exact; a page that was
 *       popular long ago can stay resident indefinitely, the known weakness of LFU.</li>
 *   <li><b>onRemove.</b> The page leaves its bucket and its count is dropped.</li>
 * </ul>
 * The buckets are nodes {@code 0..capacity-1} (there are never more non-empty buckets than resident pages) threaded on
 * one {@link IntLinkedLists}; pages are threaded through per-slot arrays. No call allocates.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Lfu implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "lfu";
    }

    @Override
    public String description() {
        return "In-cache LFU, least recently used first among equals, O(1) frequency buckets (Shah et al. 2010)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        private static final int BY_FREQUENCY = 0;
        private final int capacity;

        /** Non-empty buckets in increasing frequency. */
        private final IntLinkedLists buckets;
        private final long[] bucketFrequency;
        /** Each bucket's least and most recently referenced page. */
        private final int[] oldest;
        private final int[] newest;
        private final int[] freeBuckets;
        private int freeBucketCount;

        private final int[] bucketOf;
        /** Towards the bucket's oldest page. */
        private final int[] older;
        /** Towards the bucket's newest page. */
        private final int[] newer;

        Policy(int capacity) {
            this.capacity = capacity;
            buckets = new IntLinkedLists(capacity, 1);
            bucketFrequency = new long[capacity];
            oldest = new int[capacity];
            newest = new int[capacity];
            freeBuckets = new int[capacity];
            for (int b = 0; b < capacity; b++) {
                freeBuckets[b] = capacity - 1 - b;
            }
            freeBucketCount = capacity;
            bucketOf = new int[capacity];
            older = new int[capacity];
            newer = new int[capacity];
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            int from = bucketOf[slot];
            long frequency = bucketFrequency[from] + 1;
            int next = buckets.next(from);
            if (next != NIL && bucketFrequency[next] == frequency) {
                unlink(slot);
                append(next, slot);
            } else if (oldest[from] == slot && newest[from] == slot) {
                // Alone in its bucket, with no bucket above to join: the bucket itself moves up a step.
                bucketFrequency[from] = frequency;
            } else {
                unlink(slot);
                int to = newBucket(frequency);
                buckets.addAfter(from, to);
                append(to, slot);
            }
        }

        @Override
        public int evict() {
            int victim = oldest[buckets.first(BY_FREQUENCY)];
            unlink(victim);
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            int first = buckets.first(BY_FREQUENCY);
            if (first != NIL && bucketFrequency[first] == 1) {
                append(first, slot);
            } else {
                int to = newBucket(1);
                buckets.addFirst(BY_FREQUENCY, to);
                append(to, slot);
            }
        }

        @Override
        public void onRemove(int slot) {
            unlink(slot);
        }

        private int newBucket(long frequency) {
            int b = freeBuckets[--freeBucketCount];
            bucketFrequency[b] = frequency;
            oldest[b] = NIL;
            newest[b] = NIL;
            return b;
        }

        private void append(int bucket, int slot) {
            bucketOf[slot] = bucket;
            int last = newest[bucket];
            older[slot] = last;
            newer[slot] = NIL;
            if (last == NIL) {
                oldest[bucket] = slot;
            } else {
                newer[last] = slot;
            }
            newest[bucket] = slot;
        }

        /** Takes the page out of its bucket, and the bucket out of the list if that empties it. */
        private void unlink(int slot) {
            int bucket = bucketOf[slot];
            int o = older[slot];
            int n = newer[slot];
            if (o == NIL) {
                oldest[bucket] = n;
            } else {
                newer[o] = n;
            }
            if (n == NIL) {
                newest[bucket] = o;
            } else {
                older[n] = o;
            }
            if (oldest[bucket] == NIL) {
                buckets.remove(bucket);
                freeBuckets[freeBucketCount++] = bucket;
            }
        }
    }
}
