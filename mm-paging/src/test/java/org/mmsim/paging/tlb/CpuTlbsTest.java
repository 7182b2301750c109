package org.mmsim.paging.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.paging.tlb.CpuTlbs.PAGE_SHIFT;
import static org.mmsim.paging.tlb.CpuTlbs.PMD_SHIFT;
import static org.mmsim.paging.tlb.CpuTlbs.PUD_SHIFT;

import org.junit.jupiter.api.Test;

/** One CPU's TLBs: the levels, page sizes, access kinds, context switches with and without PCIDs, and INVLPG. */
class CpuTlbsTest {
    private static final long MISS = TlbArray.MISS;
    private static final boolean DATA = false;
    private static final boolean INSTRUCTION = true;
    private static final long USER = 0x7f12_3456_7000L;
    private static final long KERNEL = 0xffff_8880_0123_4000L;

    @Test
    void theDefaultsAreASkylakeCore() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        assertGeometry(64, 4, tlbs.l1(DATA, PAGE_SHIFT));
        assertGeometry(32, 4, tlbs.l1(DATA, PMD_SHIFT));
        assertGeometry(4, 4, tlbs.l1(DATA, PUD_SHIFT));
        assertGeometry(128, 8, tlbs.l1(INSTRUCTION, PAGE_SHIFT));
        assertGeometry(8, 8, tlbs.l1(INSTRUCTION, PMD_SHIFT));
        assertNull(tlbs.l1(INSTRUCTION, PUD_SHIFT));
        assertGeometry(1536, 12, tlbs.l2(PAGE_SHIFT));
        assertGeometry(16, 4, tlbs.l2(PUD_SHIFT));
    }

    private static void assertGeometry(int entries, int ways, TlbArray array) {
        assertEquals(entries, array.entries());
        assertEquals(ways, array.ways());
    }

    @Test
    void aFilledPageHitsInTheL1OfItsKindAndAnStlbHitRefillsTheOtherKind() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        assertEquals(MISS, tlbs.lookup(USER, 1, DATA));
        tlbs.fill(USER, 1, DATA, PAGE_SHIFT, false, 42);

        assertEquals(42, tlbs.lookup(USER + 0xfff, 1, DATA));
        assertEquals(42, tlbs.lookup(USER, 1, INSTRUCTION));
        assertEquals(42, tlbs.lookup(USER, 1, INSTRUCTION));
        assertEquals(MISS, tlbs.lookup(USER + 0x1000, 1, DATA));

        assertEquals(1, tlbs.l1Hits(DATA));
        assertEquals(2, tlbs.misses(DATA));
        assertEquals(0, tlbs.stlbHits(DATA));
        assertEquals(1, tlbs.stlbHits(INSTRUCTION));
        assertEquals(1, tlbs.l1Hits(INSTRUCTION));
        assertEquals(0, tlbs.misses(INSTRUCTION));
        assertEquals(1, tlbs.l1(INSTRUCTION, PAGE_SHIFT).validEntries());
    }

    @Test
    void everyPageSizeIsLookedUpByItsOwnVpn() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        tlbs.fill(1L << 30, 0, DATA, PUD_SHIFT, false, 1);
        tlbs.fill(2L << 30, 0, DATA, PMD_SHIFT, false, 2);
        tlbs.fill(3L << 30, 0, DATA, PAGE_SHIFT, false, 3);
        assertEquals(1, tlbs.lookup((1L << 30) + 0x3fff_ffffL, 0, DATA));
        assertEquals(2, tlbs.lookup((2L << 30) + 0x1f_ffffL, 0, DATA));
        assertEquals(MISS, tlbs.lookup((2L << 30) + 0x20_0000L, 0, DATA));
        assertEquals(3, tlbs.lookup((3L << 30) + 0xfff, 0, DATA));
        assertEquals(MISS, tlbs.lookup((3L << 30) + 0x1000, 0, DATA));
        // The 1 GiB page is cached only in the second level for instruction fetches: no iTLB array for it.
        assertEquals(1, tlbs.lookup(1L << 30, 0, INSTRUCTION));
        assertEquals(1, tlbs.lookup(1L << 30, 0, INSTRUCTION));
        assertEquals(2, tlbs.stlbHits(INSTRUCTION));
    }

    @Test
    void theStlbKeepsA4kAndA2mPageOfTheSameVpnApart() {
        // Without L1 arrays every lookup goes to the STLB; VPN 5 of 4 KiB and VPN 5 of 2 MiB share its one set.
        TlbConfig.Geometry none = TlbConfig.Geometry.NONE;
        CpuTlbs tlbs = new CpuTlbs(new TlbConfig(none, none, none, none, none, none, new TlbConfig.Geometry(2, 2), none));
        tlbs.fill(5L << PAGE_SHIFT, 0, DATA, PAGE_SHIFT, false, 4);
        tlbs.fill(5L << PMD_SHIFT, 0, DATA, PMD_SHIFT, false, 2);
        assertEquals(4, tlbs.lookup(5L << PAGE_SHIFT, 0, DATA));
        assertEquals(2, tlbs.lookup(5L << PMD_SHIFT, 0, DATA));
        assertEquals(2, tlbs.l2(PMD_SHIFT).validEntries());
    }

    @Test
    void aSwitchWithoutPcidsFlushesAllButGlobalEntries() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        tlbs.fill(USER, 0, DATA, PAGE_SHIFT, false, 1);
        tlbs.fill(USER, 0, INSTRUCTION, PMD_SHIFT, false, 2);
        tlbs.fill(KERNEL, 0, DATA, PAGE_SHIFT, true, 3);
        tlbs.fill(KERNEL + (1L << 30), 0, DATA, PUD_SHIFT, true, 4);

        tlbs.switchTo(7, false);
        assertEquals(0, tlbs.pcid());
        assertEquals(MISS, tlbs.lookup(USER, 0, DATA));
        assertEquals(MISS, tlbs.lookup(USER, 0, INSTRUCTION));
        assertEquals(3, tlbs.lookup(KERNEL, 0, DATA));
        assertEquals(4, tlbs.lookup(KERNEL + (1L << 30), 0, DATA));
        assertEquals(1, tlbs.switches());
        assertEquals(1, tlbs.flushes());
    }

    @Test
    void aSwitchWithPcidsKeepsEveryAddressSpacesEntries() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        tlbs.switchTo(1, true);
        tlbs.fill(USER, 1, DATA, PAGE_SHIFT, false, 10);
        tlbs.switchTo(2, true);
        assertEquals(2, tlbs.pcid());
        assertEquals(MISS, tlbs.lookup(USER, 2, DATA), "another address space's entry");
        tlbs.fill(USER, 2, DATA, PAGE_SHIFT, false, 20);
        tlbs.switchTo(1, true);
        assertEquals(10, tlbs.lookup(USER, 1, DATA));
        assertEquals(20, tlbs.lookup(USER, 2, DATA));
        assertEquals(0, tlbs.flushes());

        tlbs.invalidatePcid(1);
        assertEquals(MISS, tlbs.lookup(USER, 1, DATA));
        assertEquals(20, tlbs.lookup(USER, 2, DATA));
        tlbs.flushAll();
        assertEquals(MISS, tlbs.lookup(USER, 2, DATA));
    }

    @Test
    void invlpgRemovesThePagesOfEverySizeAndKind() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        long vaddr = (3L << PUD_SHIFT) + (5L << PMD_SHIFT) + (7L << PAGE_SHIFT);
        tlbs.fill(vaddr, 1, DATA, PAGE_SHIFT, false, 1);
        tlbs.fill(vaddr, 1, INSTRUCTION, PMD_SHIFT, false, 2);
        tlbs.fill(vaddr, 1, DATA, PUD_SHIFT, true, 3);
        tlbs.fill(vaddr + (1L << PAGE_SHIFT), 1, DATA, PAGE_SHIFT, false, 4);
        tlbs.fill(vaddr, 2, DATA, PAGE_SHIFT, false, 5);

        tlbs.invalidatePage(vaddr + 0x123, 1);
        assertEquals(MISS, tlbs.lookup(vaddr, 1, DATA));
        assertEquals(MISS, tlbs.lookup(vaddr, 1, INSTRUCTION));
        // The 4 KiB page next door stays; so does the same page of another address space.
        assertEquals(4, tlbs.lookup(vaddr + (1L << PAGE_SHIFT), 1, DATA));
        assertEquals(5, tlbs.lookup(vaddr, 2, DATA));
        assertEquals(2, tlbs.l2(PAGE_SHIFT).validEntries());
        assertEquals(0, tlbs.l2(PUD_SHIFT).validEntries());
        assertEquals(0, tlbs.l1(INSTRUCTION, PMD_SHIFT).validEntries());
        assertEquals(0, tlbs.l1(DATA, PUD_SHIFT).validEntries());
    }

    @Test
    void aFillDropsTheOtherKindsOlderCopy() {
        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        tlbs.fill(USER, 1, DATA, PAGE_SHIFT, false, 1);
        tlbs.fill(USER, 1, INSTRUCTION, PAGE_SHIFT, false, 2);
        assertEquals(2, tlbs.lookup(USER, 1, DATA));
        assertEquals(1, tlbs.stlbHits(DATA));
    }

    @Test
    void badConfigurationsAndArgumentsAreRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> new TlbConfig.Geometry(1536, 10)).getMessage();
        assertTrue(message.contains("1536 entries in 10 ways"), message);
        message = assertThrows(IllegalArgumentException.class, () -> new TlbConfig.Geometry(0, 4)).getMessage();
        assertTrue(message.contains("0 entries in 4 ways"), message);
        assertThrows(IllegalArgumentException.class, () -> new TlbConfig.Geometry(-4, -1));
        assertThrows(NullPointerException.class, () -> new TlbConfig(null, null, null, null, null, null, null, null));

        CpuTlbs tlbs = new CpuTlbs(TlbConfig.defaults());
        message = assertThrows(IllegalArgumentException.class, () -> tlbs.fill(USER, 0, DATA, 13, false, 1)).getMessage();
        assertTrue(message.contains("page shift 13"), message);
        assertThrows(IllegalArgumentException.class, () -> tlbs.fill(USER, 4096, DATA, PAGE_SHIFT, false, 1));
        assertThrows(IllegalArgumentException.class, () -> tlbs.fill(USER, 0, DATA, PAGE_SHIFT, false, MISS));
        assertThrows(IllegalArgumentException.class, () -> tlbs.switchTo(-1, true));
        assertThrows(IllegalArgumentException.class, () -> tlbs.lookup(USER, 5000, DATA));
    }
}
