package org.mmsim.paging.pagetable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.tlb.TlbConfig;

/** Map, translate through the MMU, unmap: for every paging mode, every page size it has, any user address. */
class PageTableRoundTripTest {
    private static final AccessType[] TYPES = AccessType.values();

    /** The page sizes each mode maps through its entries (the Intel SDM, vol. 3A, tables 4-1 and 4-3). */
    static int[] pageShifts(PagingMode mode) {
        switch (mode) {
            case I386_2LEVEL:
                return new int[] {12, 22};
            case I386_PAE:
                return new int[] {12, 21};
            default:
                return new int[] {12, 21, 30};
        }
    }

    record Mapping(long vaddr, int shift, long pfn) {
        long end() {
            return vaddr + (1L << shift);
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<PagingMode, List<Mapping>>> layouts() {
        return Arbitraries.of(PagingMode.values()).flatMap(mode -> {
            Arbitrary<Mapping> mapping = Combinators.combine(
                    Arbitraries.longs().between(0, mode.taskSize() - 1),
                    Arbitraries.of(box(pageShifts(mode))),
                    Arbitraries.longs().between(1, 4000))
                .as((addr, shift, n) -> new Mapping(addr & -(1L << shift), shift, n << (shift - 12)));
            return mapping.list().ofMinSize(1).ofMaxSize(12).map(list -> Tuple.of(mode, disjoint(list)));
        });
    }

    private static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static List<Mapping> disjoint(List<Mapping> mappings) {
        List<Mapping> kept = new ArrayList<>();
        for (Mapping m : mappings) {
            if (kept.stream().noneMatch(k -> k.vaddr < m.end() && m.vaddr < k.end()
                    // A large page and a smaller one cannot share the large page's table slot.
                    || (k.vaddr >>> Math.max(k.shift, m.shift)) == (m.vaddr >>> Math.max(k.shift, m.shift))
                        && k.shift != m.shift)) {
                kept.add(m);
            }
        }
        return kept;
    }

    @Property(tries = 200)
    void mapTranslateUnmapRoundTrips(@ForAll("layouts") Tuple.Tuple2<PagingMode, List<Mapping>> layout,
                                     @ForAll("offsets") long offsetSeed) {
        PagingMode mode = layout.get1();
        CountingAllocator allocator = new CountingAllocator(Long.MAX_VALUE);
        VmStat vmstat = new VmStat();
        AddressSpaceTables tables = new AddressSpaceTables(new PageTables(mode, allocator, vmstat));
        Mmu mmu = new Mmu(2, TlbConfig.defaults(), true);
        Walk walk = new Walk();
        Walk translation = new Walk();
        for (Mapping m : layout.get2()) {
            assertEquals(true, tables.prepare(m.vaddr, m.shift, walk));
            tables.set(walk, (m.pfn << 12) | Pte.PRESENT | Pte.RW | Pte.USER | (m.shift > 12 ? Pte.PSE : 0));
        }
        assertEquals(allocator.allocated(), vmstat.get(VmItem.NR_PAGE_TABLE_PAGES));
        assertEquals(allocator.allocated() * 4096L, tables.bytes());
        for (Mapping m : layout.get2()) {
            long offset = Math.floorMod(offsetSeed * 0x9E3779B97F4A7C15L, 1L << m.shift);
            AccessType type = TYPES[Math.floorMod(offsetSeed, TYPES.length)];
            long expected = m.pfn + (offset >>> 12);
            TlbStats before = mmu.stats(0);
            assertEquals(expected, mmu.probe(tables, 1, m.vaddr + offset, type, 0), "a probe walks too");
            assertEquals(before, mmu.stats(0), "a probe counts nothing");
            tables.walk(m.vaddr, walk);
            assertEquals(0, tables.get(walk) & (Pte.ACCESSED | Pte.DIRTY), "a probe sets neither A nor D");
            assertEquals(expected, mmu.translate(tables, 1, m.vaddr + offset, type, 0, translation),
                    "first access, through a walk");
            assertEquals(expected, mmu.translate(tables, 1, m.vaddr + offset, type, 0, translation), "second access");
            tables.walk(m.vaddr, walk);
            assertEquals(m.shift, walk.shift);
            long accessed = Pte.ACCESSED | (type == AccessType.WRITE ? Pte.DIRTY : 0);
            assertEquals(accessed, tables.get(walk) & (Pte.ACCESSED | Pte.DIRTY), "the MMU sets A, and D on a write");
        }
        for (Mapping m : layout.get2()) {
            tables.walk(m.vaddr, walk);
            tables.set(walk, 0);
            mmu.invalidate(1, 0, 1, m.vaddr, m.shift);
            assertEquals(Mmu.NOT_PRESENT, mmu.translate(tables, 1, m.vaddr + (1L << m.shift) - 1, AccessType.READ, 0,
                    translation));
            assertEquals(walk.table, translation.table, "the walk that faulted points at the entry it found empty");
            assertEquals(walk.index, translation.index);
        }
        tables.freeEmptyTables(0, Long.MAX_VALUE);
        assertEquals(1, allocator.allocated(), "only the top-level table is left");
        tables.freeAll();
        assertEquals(0, allocator.allocated());
        assertEquals(0, vmstat.get(VmItem.NR_PAGE_TABLE_PAGES));
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs();
    }

    @Test
    void walksReadOneEntryPerLevelDownToThePage() {
        for (PagingMode mode : PagingMode.values()) {
            for (int shift : pageShifts(mode)) {
                AddressSpaceTables tables = new AddressSpaceTables(new PageTables(mode, new CountingAllocator(100),
                        new VmStat()));
                Walk walk = new Walk();
                long vaddr = 0x4000_0000L;
                tables.prepare(vaddr, shift, walk);
                tables.set(walk, (0x40000L << 12) | Pte.PRESENT | Pte.USER | (shift > 12 ? Pte.PSE : 0));
                tables.walk(vaddr, walk);
                int levelsAbove = (shift - 12) / mode.indexBits();
                assertEquals(mode.levels() - levelsAbove, walk.steps, mode + " " + shift);
            }
        }
    }

    @Test
    void aTableThatCannotBeAllocatedLeavesTheTreeUsable() {
        CountingAllocator allocator = new CountingAllocator(2);
        AddressSpaceTables tables = new AddressSpaceTables(new PageTables(PagingMode.X86_64_4LEVEL, allocator,
                new VmStat()));
        assertEquals(false, tables.prepare(0x7000_0000_0000L, new Walk()));
        assertEquals(Mmu.NOT_PRESENT, new Mmu(1, TlbConfig.defaults(), true)
                .translate(tables, 1, 0x7000_0000_0000L, AccessType.READ, 0, new Walk()));
        tables.freeAll();
        assertEquals(0, allocator.allocated());
    }
}
