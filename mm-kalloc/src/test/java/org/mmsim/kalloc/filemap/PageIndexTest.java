package org.mmsim.kalloc.filemap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A mapping's page index (the xarray of {@code mapping->i_pages}) against a sorted map: caching, forgetting, and the
 * next cached page from anywhere, with indexes near each other and far out (the block device's directory blocks).
 */
class PageIndexTest {
    /** One operation: cache {@code pfn} at {@code index}, or forget the page there when {@code pfn} is negative. */
    record Op(long index, int pfn) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Long> near = Arbitraries.longs().between(0, 20_000);
        Arbitrary<Long> far = Arbitraries.longs().between((1L << 30) - 5000, (1L << 30) + 5000);
        Arbitrary<Long> index = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, near), net.jqwik.api.Tuple.of(1, far));
        return net.jqwik.api.Combinators.combine(index, Arbitraries.integers().between(-1, 1 << 20)).as(Op::new)
                .list().ofMaxSize(300);
    }

    @Property(tries = 60)
    void theIndexAgreesWithASortedMap(@ForAll("ops") List<Op> ops) {
        AddressSpace mapping = new AddressSpace(12, "fe:00", "/f", 1L << 42, false, false);
        TreeMap<Long, Integer> model = new TreeMap<>();
        for (Op op : ops) {
            if (op.pfn() >= 0) {
                mapping.setPfn(op.index(), op.pfn());
                model.put(op.index(), op.pfn());
            } else if (model.remove(op.index()) != null) {
                mapping.clearPfn(op.index());
            }
            assertEquals(model.getOrDefault(op.index(), -1).longValue(), mapping.pfnAt(op.index()));
        }
        for (Map.Entry<Long, Integer> page : model.entrySet()) {
            assertEquals(true, mapping.isCached(page.getKey()));
        }
        for (long from : List.of(0L, 19_999L, (1L << 30) - 6000, (1L << 30), (1L << 30) + 6000)) {
            Long next = model.ceilingKey(from);
            assertEquals(next == null ? -1 : next, mapping.nextCached(from), "from " + from);
        }
        for (Op op : ops) {
            Long next = model.ceilingKey(op.index());
            assertEquals(next == null ? -1 : next, mapping.nextCached(op.index()), "from " + op.index());
        }
    }
}
