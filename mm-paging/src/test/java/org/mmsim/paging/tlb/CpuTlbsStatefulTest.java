package org.mmsim.paging.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.paging.tlb.CpuTlbs.PAGE_SHIFT;
import static org.mmsim.paging.tlb.CpuTlbs.PMD_SHIFT;
import static org.mmsim.paging.tlb.CpuTlbs.PUD_SHIFT;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * One CPU's TLBs under random chains of lookups, fills, INVLPGs, INVPCIDs, flushes and context switches, against a
 * model of the translations the TLBs may still hold: each fill adds one (replacing the overlapping ones of its page
 * size), each invalidation removes what the SDM says it removes, and evictions are not modelled. Whatever a lookup
 * returns must be the latest payload the model holds for one of the address's pages — so no translation survives
 * an invalidation that should have removed it, and no older copy of one is ever returned — and a fill is visible at
 * once. No array ever holds more than its capacity, and every lookup is counted at exactly one level.
 */
class CpuTlbsStatefulTest {
    private static final int GLOBAL = -1;
    private static final int[] SHIFTS = {PAGE_SHIFT, PMD_SHIFT, PUD_SHIFT};
    private static final Long[] BASES = {0L, 1L << 30, 0x7fff_c000_0000L, 0xffff_8880_0000_0000L};

    /** A small CPU, so that sets overflow, with a direct-mapped, a fully associative and a missing array. */
    private static final TlbConfig SMALL = new TlbConfig(new TlbConfig.Geometry(4, 2), new TlbConfig.Geometry(2, 2),
            new TlbConfig.Geometry(2, 1), new TlbConfig.Geometry(4, 4), new TlbConfig.Geometry(2, 1), TlbConfig.Geometry.NONE,
            new TlbConfig.Geometry(8, 2), new TlbConfig.Geometry(2, 2));

    /** One translation: a page at one size, of one PCID or global. */
    record Key(int shift, long vpn, int owner) {
    }

    static final class Cpu {
        final CpuTlbs tlbs = new CpuTlbs(SMALL);
        final Map<Key, Long> mayHold = new HashMap<>();
        final long[] lookups = new long[2];
        long switches;
        long flushes;
        long nextPayload = 1;

        /** The payloads a lookup of {@code vaddr} under {@code pcid} may return: at most one per page size. */
        Set<Long> allowed(long vaddr, int pcid) {
            Set<Long> allowed = new HashSet<>();
            for (int shift : SHIFTS) {
                Long own = mayHold.get(new Key(shift, vaddr >> shift, pcid));
                Long global = mayHold.get(new Key(shift, vaddr >> shift, GLOBAL));
                assertTrue(own == null || global == null, "the model holds a global and a PCID translation of one page");
                if (own != null) {
                    allowed.add(own);
                }
                if (global != null) {
                    allowed.add(global);
                }
            }
            return allowed;
        }

        long lookup(long vaddr, int pcid, boolean instruction) {
            long payload = tlbs.lookup(vaddr, pcid, instruction);
            lookups[instruction ? 1 : 0]++;
            if (payload != TlbArray.MISS) {
                Set<Long> allowed = allowed(vaddr, pcid);
                assertTrue(allowed.contains(payload), "lookup " + hex(vaddr) + " pcid " + pcid + " returned "
                        + payload + "; the TLBs may hold only " + allowed);
            }
            return payload;
        }

        void fill(long vaddr, int pcid, boolean instruction, int shift, boolean global) {
            long payload = nextPayload++;
            long vpn = vaddr >> shift;
            mayHold.keySet().removeIf(k -> k.shift == shift && k.vpn == vpn && (global || k.owner == GLOBAL || k.owner == pcid));
            mayHold.put(new Key(shift, vpn, global ? GLOBAL : pcid), payload);
            tlbs.fill(vaddr, pcid, instruction, shift, global, payload);
            assertNotEquals(TlbArray.MISS, lookup(vaddr, pcid, instruction), "a page just filled");
        }

        void invalidatePage(long vaddr, int pcid) {
            mayHold.keySet().removeIf(k -> k.vpn == vaddr >> k.shift && (k.owner == GLOBAL || k.owner == pcid));
            tlbs.invalidatePage(vaddr, pcid);
        }

        void invalidatePcid(int pcid) {
            mayHold.keySet().removeIf(k -> k.owner == pcid);
            tlbs.invalidatePcid(pcid);
        }

        void flushNonGlobal() {
            mayHold.keySet().removeIf(k -> k.owner != GLOBAL);
            flushes++;
            tlbs.flushNonGlobal();
        }

        void flushAll() {
            mayHold.clear();
            flushes++;
            tlbs.flushAll();
        }

        void switchTo(int pcid, boolean pcidEnabled) {
            if (!pcidEnabled) {
                mayHold.keySet().removeIf(k -> k.owner != GLOBAL);
                flushes++;
            }
            switches++;
            tlbs.switchTo(pcid, pcidEnabled);
            assertEquals(pcidEnabled ? pcid : 0, tlbs.pcid());
        }
    }

    // Four 1 GiB regions, user and kernel; in each, four 2 MiB pages of four 4 KiB pages, so every size overlaps.
    private static Arbitrary<Long> addresses() {
        return Arbitraries.of(BASES).flatMap(base -> Arbitraries.integers().between(0, 15).flatMap(page ->
                Arbitraries.integers().between(0, 4095).map(offset ->
                        base + ((long) (page >> 2) << PMD_SHIFT) + ((long) (page & 3) << PAGE_SHIFT) + offset)));
    }

    private static Arbitrary<Integer> pcids() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 2), Arbitraries.just(TlbArray.MAX_PCID));
    }

    private static String hex(long vaddr) {
        return "0x" + Long.toHexString(vaddr);
    }

    @Provide
    Arbitrary<ActionChain<Cpu>> chains() {
        Action.Independent<Cpu> lookup = () -> addresses().flatMap(a -> pcids().flatMap(p -> Arbitraries.of(false, true)
                .map(i -> Transformer.mutate((i ? "fetch " : "load ") + hex(a) + " pcid " + p, c -> c.lookup(a, p, i)))));
        Action.Independent<Cpu> fill = () -> addresses().flatMap(a -> pcids().flatMap(p -> Arbitraries.of(false, true)
                .flatMap(i -> Arbitraries.of(PAGE_SHIFT, PAGE_SHIFT, PMD_SHIFT, PUD_SHIFT).flatMap(s -> Arbitraries.of(false, false, true)
                        .map(g -> Transformer.mutate("fill " + hex(a) + " pcid " + p + (i ? " instruction" : " data") + " shift " + s
                                + (g ? " global" : ""), c -> c.fill(a, p, i, s, g)))))));
        Action.Independent<Cpu> invalidatePage = () -> addresses().flatMap(a -> pcids().map(p ->
                Transformer.mutate("invlpg " + hex(a) + " pcid " + p, c -> c.invalidatePage(a, p))));
        Action.Independent<Cpu> invalidatePcid = () -> pcids().map(p -> Transformer.mutate("invpcid " + p, c -> c.invalidatePcid(p)));
        Action.Independent<Cpu> flushNonGlobal = () -> Arbitraries.just(Transformer.mutate("flush non-global", Cpu::flushNonGlobal));
        Action.Independent<Cpu> flushAll = () -> Arbitraries.just(Transformer.mutate("flush all", Cpu::flushAll));
        Action.Independent<Cpu> switchTo = () -> pcids().flatMap(p -> Arbitraries.of(true, true, false).map(e ->
                Transformer.mutate("switch to pcid " + p + (e ? "" : " without PCIDs"), c -> c.switchTo(p, e))));
        return ActionChain.startWith(Cpu::new).withAction(10, lookup).withAction(6, fill).withAction(2, invalidatePage)
                .withAction(1, invalidatePcid).withAction(1, flushNonGlobal).withAction(1, flushAll).withAction(2, switchTo)
                .withMaxTransformations(200);
    }

    @Property(tries = 200)
    void neverReturnsAStaleTranslation(@ForAll("chains") ActionChain<Cpu> chain) {
        chain.withInvariant("capacity and counters", c -> {
            for (int shift : SHIFTS) {
                for (TlbArray array : new TlbArray[] {c.tlbs.l1(false, shift), c.tlbs.l1(true, shift), c.tlbs.l2(shift)}) {
                    assertTrue(array == null || array.validEntries() <= array.entries(), "an array over capacity");
                }
            }
            for (boolean instruction : new boolean[] {false, true}) {
                assertEquals(c.lookups[instruction ? 1 : 0],
                        c.tlbs.l1Hits(instruction) + c.tlbs.stlbHits(instruction) + c.tlbs.misses(instruction));
            }
            assertEquals(c.switches, c.tlbs.switches());
            assertEquals(c.flushes, c.tlbs.flushes());
        }).run();
    }
}
