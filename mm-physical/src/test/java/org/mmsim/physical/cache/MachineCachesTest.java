package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MemoryArch;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.PerfCounts;

/**
 * A machine's caches against hand-worked cases: which CPUs share a last level, what each level costs in cycles (the
 * skylake-sp preset: 4, 14 and 68 cycles, 90 ns of DRAM at 2600 MHz, 234 cycles), MESI's invalidations and
 * transfers, false sharing, a remote node's SLIT distance, and the page walker's loads counted apart.
 */
class MachineCachesTest {
    private static final int L1 = 4;
    private static final int L2 = 14;
    private static final int L3 = 68;
    // 90 ns × 2600 cycles/µs.
    private static final int DRAM = 234;
    // 234 × 21 / 10, rounded down.
    private static final int REMOTE = 491;

    static MachineCaches machine(int cpus, int nodes, int llcCpus) {
        CpuSpec skylake = CpuSpec.preset("skylake-sp");
        CpuSpec cpu = new CpuSpec(skylake.model(), true, skylake.mhz(), skylake.caches(), llcCpus, skylake.l1Cycles(),
                skylake.l2Cycles(), skylake.llcCycles(), skylake.dramNanos());
        MachineConfig config = MachineConfig.builder().cpus(cpus).nodes(nodes).cpu(cpu)
                .memory(nodes > 1 ? MemoryArch.NUMA : MemoryArch.UMA).build();
        long[] nodeEnds = new long[nodes];
        long perNode = config.ramBytes() / nodes >>> 12;
        for (int n = 0; n < nodes; n++) {
            nodeEnds[n] = (n + 1) * perNode;
        }
        return new MachineCaches(config, nodeEnds);
    }

    @Test
    void eachLevelCostsItsLatencyAndMemoryItsNanosecondsInCycles() {
        MachineCaches m = machine(1, 1, 1);
        assertEquals(DRAM, m.access(0, CacheHierarchy.LOAD, 0x10000, 8));
        assertEquals(L1, m.access(0, CacheHierarchy.LOAD, 0x10008, 8));
        // 1 MiB of other lines in L1d's set and L2's: 0x10000 stays in the 22 MiB L3 only.
        for (long a = 0x10000 + (1 << 20); a < 0x10000 + (3 << 20); a += 4096) {
            m.access(0, CacheHierarchy.LOAD, a, 8);
        }
        assertEquals(L3, m.access(0, CacheHierarchy.LOAD, 0x10000, 8));
        PerfCounts c = m.counts(0);
        assertEquals(2 + 512 + 1, c.l1dLoads());
    }

    @Test
    void theCpusOfAGroupShareTheirLastLevelAndOtherGroupsDoNot() {
        MachineCaches m = machine(4, 1, 2);
        assertEquals(m.groupOf(0), m.groupOf(1));
        assertFalse(m.groupOf(1) == m.groupOf(2));
        assertEquals(DRAM, m.access(0, CacheHierarchy.LOAD, 0x40000, 8));
        assertEquals(L3, m.access(1, CacheHierarchy.LOAD, 0x40000, 8), "CPU 1 finds CPU 0's line in their L3");
        assertEquals(DRAM, m.access(2, CacheHierarchy.LOAD, 0x40000, 8), "CPU 2's L3 is another");
        PerfCounts one = m.counts(1);
        assertEquals(1, one.llcLoads());
        assertEquals(0, one.llcLoadMisses());
        assertEquals(1, m.counts(2).llcLoadMisses());
    }

    @Test
    void aGroupIsCutWithinANode() {
        // 6 CPUs on 2 nodes, 3 a node, 2 an L3: groups {0,1} {2} on node 0, {3,4} {5} on node 1.
        MachineCaches m = machine(6, 2, 2);
        assertEquals(m.groupOf(0), m.groupOf(1));
        assertFalse(m.groupOf(2) == m.groupOf(3));
        assertEquals(m.groupOf(3), m.groupOf(4));
        assertEquals(4, m.llcs().length);
    }

    @Test
    void aReadOfALineModifiedElsewhereIsATransferAndLeavesItShared() {
        MachineCaches m = machine(2, 1, 2);
        m.access(0, CacheHierarchy.STORE, 0x1000, 8);
        int cycles = m.access(1, CacheHierarchy.LOAD, 0x1000, 8);
        assertEquals(2 * L3, cycles);
        assertEquals(1, m.counts(1).transfers());
        CpuCacheHierarchy[] h = m.hierarchies();
        long line = 0x1000 >>> 6;
        assertFalse(h[0].holdsModified(line), "the owner's copy is Shared now");
        assertTrue(m.llcs()[0].isDirty(line), "its data was written back to the L3");
        // Reading it again is a hit for both, with no transfer.
        assertEquals(L1, m.access(0, CacheHierarchy.LOAD, 0x1000, 8));
        assertEquals(L1, m.access(1, CacheHierarchy.LOAD, 0x1000, 8));
        assertEquals(1, m.counts(0).transfers() + m.counts(1).transfers());
    }

    @Test
    void aWriteInvalidatesTheOtherCopies() {
        MachineCaches m = machine(2, 1, 2);
        m.access(0, CacheHierarchy.LOAD, 0x2000, 8);
        m.access(1, CacheHierarchy.LOAD, 0x2000, 8);
        m.access(1, CacheHierarchy.STORE, 0x2000, 8);
        CpuCacheHierarchy[] h = m.hierarchies();
        long line = 0x2000 >>> 6;
        assertFalse(h[0].arrays().get(1).contains(line), "CPU 0's L1d copy is gone");
        assertEquals(0, m.counts(1).transfers(), "it was Shared, not Modified: no data came over");
        assertEquals(2 * L3, m.access(0, CacheHierarchy.LOAD, 0x2000, 8), "CPU 0 reads it back from CPU 1");
        assertEquals(1, m.counts(0).transfers());
    }

    @Test
    void twoCpusWritingNeighbouringWordsOfOneLineTransferItEveryTime() {
        MachineCaches m = machine(2, 1, 2);
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            m.access(0, CacheHierarchy.STORE, 0x3000, 8);
            m.access(1, CacheHierarchy.STORE, 0x3008, 8);
        }
        // Every store but CPU 0's first finds the line Modified in the other CPU.
        assertEquals(rounds - 1, m.counts(0).transfers());
        assertEquals(rounds, m.counts(1).transfers());
        // Words a line apart: no sharing, no transfer.
        MachineCaches apart = machine(2, 1, 2);
        for (int i = 0; i < rounds; i++) {
            apart.access(0, CacheHierarchy.STORE, 0x3000, 8);
            apart.access(1, CacheHierarchy.STORE, 0x3040, 8);
        }
        assertEquals(0, apart.counts(0).transfers() + apart.counts(1).transfers());
        assertTrue(m.counts(1).cycles() > 10 * apart.counts(1).cycles());
    }

    @Test
    void memoryOnAnotherNodeCostsTheSlitDistancesShare() {
        MachineCaches m = machine(2, 2, 1);
        // Node 1's memory starts half way through the 4 GiB.
        long farFrame = (2L << 30) + 0x1000;
        assertEquals(DRAM, m.access(0, CacheHierarchy.LOAD, 0x1000, 8), "node 0's CPU 0 on node 0's memory");
        assertEquals(REMOTE, m.access(0, CacheHierarchy.LOAD, farFrame, 8), "on node 1's");
        assertEquals(DRAM, m.access(1, CacheHierarchy.LOAD, farFrame + 64, 8), "node 1's CPU 1 on node 1's");
    }

    @Test
    void thePageWalkersLoadsGoThroughTheCachesButAreNotTheProgramsLoads() {
        MachineCaches m = machine(1, 1, 1);
        assertEquals(DRAM, m.walkLoad(0, 0x5000, 8));
        assertEquals(L1, m.access(0, CacheHierarchy.LOAD, 0x5008, 8), "the entry's line is in the L1d now");
        PerfCounts c = m.counts(0);
        assertEquals(1, c.walkLoads());
        assertEquals(1, c.l1dLoads());
        assertEquals(DRAM + L1, c.cycles());
    }

    @Test
    void aWrongCpuOrKindThrowsAndCountsNothing() {
        MachineCaches m = machine(2, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> m.access(2, CacheHierarchy.LOAD, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> m.access(0, 7, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> m.access(0, CacheHierarchy.LOAD, 0, 0));
        assertEquals(new PerfCounts(0, 0, 0, 0, 0, 0, 0, 0), m.counts(0));
    }
}
