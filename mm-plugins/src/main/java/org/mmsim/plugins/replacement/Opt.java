package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.Arrays;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * Belady's optimal replacement (MIN, OPT): evicts the resident page whose next use lies farthest in the future
 * (Belady, "A study of replacement algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966). No
 * demand-paging policy misses less on the same requests and capacity; it needs the future, so only a trace replay can
 * run it, and it serves as the lower bound the other policies are measured against.
 *
 * <p>Choices the paper leaves open:
 * <ul>
 *   <li>Demand paging: the requested page is always admitted, even when its own next use is farther than every
 *       resident page's (the bypassing variant would miss less; the replay semantics admit every miss).</li>
 *   <li>Ties: two resident pages can share a next use only if neither is used again ({@link FutureAware#NEVER});
 *       among those the page in the larger slot goes first. Any choice among never-again pages gives the same
 *       misses; the slot is the cheapest deterministic one.</li>
 *   <li>A page whose next use the host did not announce (no {@link FutureAware#nextUse(long)} before the insert or
 *       hit) counts as never used again.</li>
 *   <li>{@code onRemove}: the page leaves the heap; nothing else changes.</li>
 * </ul>
 * An indexed binary max-heap over slots, ordered by next use, makes every call O(log capacity) without allocation:
 * a hit only pushes its page's next use later, so the page sifts toward the root; the victim is the root.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Opt implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "opt";
    }

    @Override
    public String description() {
        return "Belady's optimal (MIN): evicts the page whose next use is farthest in the future; needs the whole trace (Belady 1966)";
    }

    @Override
    public boolean needsFuture() {
        return true;
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy, FutureAware {
        private static final int ABSENT = -1;
        private final int capacity;
        /** The next use of the page in each slot. */
        private final long[] next;
        /** heap[i] is a slot; heap[0] has the farthest next use. */
        private final int[] heap;
        /** The position of each slot in {@link #heap}, or {@link #ABSENT}. */
        private final int[] position;
        private int size;
        private long announced = NEVER;

        Policy(int capacity) {
            this.capacity = capacity;
            next = new long[capacity];
            heap = new int[capacity];
            position = new int[capacity];
            Arrays.fill(position, ABSENT);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void nextUse(long nextPosition) {
            announced = nextPosition;
        }

        @Override
        public void onHit(int slot) {
            next[slot] = takeAnnounced();
            restore(position[slot]);
        }

        @Override
        public int evict() {
            int victim = heap[0];
            removeAt(0);
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            next[slot] = takeAnnounced();
            int i = size++;
            heap[i] = slot;
            position[slot] = i;
            siftUp(i);
        }

        @Override
        public void onRemove(int slot) {
            removeAt(position[slot]);
        }

        /** Consumes the announced next use, so a host that skips an announcement cannot reuse a stale one. */
        private long takeAnnounced() {
            long value = announced;
            announced = NEVER;
            return value;
        }

        private void removeAt(int i) {
            int removed = heap[i];
            position[removed] = ABSENT;
            int last = heap[--size];
            if (i < size) {
                heap[i] = last;
                position[last] = i;
                restore(i);
            }
        }

        /** Re-establishes the heap order around position {@code i} after its key changed in either direction. */
        private void restore(int i) {
            if (siftUp(i) == i) {
                siftDown(i);
            }
        }

        /** Whether slot {@code a} should be evicted before slot {@code b}. */
        private boolean before(int a, int b) {
            long na = next[a];
            long nb = next[b];
            return na > nb || (na == nb && a > b);
        }

        private int siftUp(int i) {
            int slot = heap[i];
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                int p = heap[parent];
                if (!before(slot, p)) {
                    break;
                }
                heap[i] = p;
                position[p] = i;
                i = parent;
            }
            heap[i] = slot;
            position[slot] = i;
            return i;
        }

        private void siftDown(int i) {
            int slot = heap[i];
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int c = heap[child];
                int right = child + 1;
                if (right < size && before(heap[right], c)) {
                    child = right;
                    c = heap[child];
                }
                if (!before(c, slot)) {
                    break;
                }
                heap[i] = c;
                position[c] = i;
                i = child;
            }
            heap[i] = slot;
            position[slot] = i;
        }
    }
}
