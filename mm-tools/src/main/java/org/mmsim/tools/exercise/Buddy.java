package org.mmsim.tools.exercise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The buddy allocator (mm/page_alloc.c) on one zone of a single free block: {@code __rmqueue_smallest()} takes the
 * first block of the smallest order that is large enough and {@code expand()} splits it, putting each upper half on
 * the free list of its order; {@code __free_one_page()} merges a freed block with its buddy at {@code pfn ^ (1 <<
 * order)} while the buddy is free, and puts the result at the head of its list. (One migrate type, no per-CPU lists:
 * the allocator's core.) The answer gives each allocation's pfn and the free blocks by order after each step, as
 * /proc/buddyinfo counts them.
 */
final class Buddy {
    private final int maxOrder;
    private final List<Deque<Long>> free = new ArrayList<>();

    private Buddy(int maxOrder, long base) {
        this.maxOrder = maxOrder;
        for (int o = 0; o <= maxOrder; o++) {
            free.add(new ArrayDeque<>());
        }
        free.get(maxOrder).add(base);
    }

    static Exercise generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int maxOrder = 4;
        long base = 1024L * (1 + random.nextInt(64));
        Buddy zone = new Buddy(maxOrder, base);
        StringBuilder q = new StringBuilder(String.format("A zone of 16 pages, pfn %d to %d, free as one block of order 4. "
                + "The buddy allocator takes the first block%nof the smallest large-enough order, splits it and puts the "
                + "upper halves on the free lists; a free merges%nwith the buddy (pfn XOR 2^order) while it is free and "
                + "puts the block at the head of its list.%n%nFor each allocation give the pfn it returns, and after "
                + "every step the free blocks per order 0..4 (buddyinfo):%n", base, base + 15));
        StringBuilder a = new StringBuilder();
        Map<String, long[]> held = new LinkedHashMap<>();
        int step = 0;
        for (int i = 0; i < 8; i++) {
            // Three allocations first, then allocations and frees mixed, so that blocks split and merge.
            boolean alloc = held.isEmpty() || i < 3 || random.nextInt(2) == 0;
            step++;
            if (alloc) {
                int order = random.nextInt(3);
                String name = "A" + step;
                long pfn = zone.allocate(order);
                if (pfn < 0) {
                    q.append(String.format("%d. %s = alloc_pages(order %d)%n", step, name, order));
                    a.append(String.format("%d. %s = alloc_pages(order %d): fails, no block large enough   buddyinfo %s%n",
                            step, name, order, zone.buddyinfo()));
                    continue;
                }
                held.put(name, new long[] {pfn, order});
                q.append(String.format("%d. %s = alloc_pages(order %d)%n", step, name, order));
                a.append(String.format("%d. %s = alloc_pages(order %d) -> pfn %d   buddyinfo %s%n", step, name, order, pfn,
                        zone.buddyinfo()));
            } else {
                List<String> names = new ArrayList<>(held.keySet());
                String name = names.get(random.nextInt(names.size()));
                long[] block = held.remove(name);
                zone.release(block[0], (int) block[1]);
                q.append(String.format("%d. free_pages(%s)%n", step, name));
                a.append(String.format("%d. free_pages(%s) (pfn %d, order %d)   buddyinfo %s%n", step, name, block[0],
                        block[1], zone.buddyinfo()));
            }
        }
        return new Exercise("buddy", seed, q.toString(), a.toString());
    }

    private long allocate(int order) {
        for (int current = order; current <= maxOrder; current++) {
            if (!free.get(current).isEmpty()) {
                long pfn = free.get(current).pollFirst();
                for (int o = current; o > order; o--) {
                    free.get(o - 1).addFirst(pfn + (1L << (o - 1)));
                }
                return pfn;
            }
        }
        return -1;
    }

    private void release(long pfn, int order) {
        while (order < maxOrder) {
            long buddy = pfn ^ (1L << order);
            if (!free.get(order).remove(buddy)) {
                break;
            }
            pfn = Math.min(pfn, buddy);
            order++;
        }
        free.get(order).addFirst(pfn);
    }

    private String buddyinfo() {
        StringBuilder line = new StringBuilder();
        for (Deque<Long> list : free) {
            line.append(String.format("%3d", list.size()));
        }
        return line.toString().trim();
    }
}
