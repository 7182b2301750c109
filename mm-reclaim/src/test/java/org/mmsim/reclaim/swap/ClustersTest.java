package org.mmsim.reclaim.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cluster lists of a swap area ({@code struct swap_cluster_info}). */
class ClustersTest {
    @Test
    void theHeaderAndTheTailCountAsUsedFromTheStart() {
        Clusters c = new Clusters(600);
        assertEquals(3, c.clusters());
        assertEquals(1, c.count(0), "slot 0: the header");
        assertEquals(Clusters.NONFULL, c.listOf(0));
        assertEquals(0, c.count(1));
        assertEquals(Clusters.FREE, c.listOf(1));
        assertEquals(768 - 600, c.count(2), "the slots past the end of the area");
        assertEquals(Clusters.NONFULL, c.listOf(2));
    }

    @Test
    void aScannedClusterGoesToFragOrFullAndAFreedOneToNonfullOrFree() {
        Clusters c = new Clusters(1024);
        c.isolate(1);
        c.taken(1);
        c.relocate(1);
        assertEquals(Clusters.FRAG, c.listOf(1), "partly used after a scan");
        for (int i = 1; i < Clusters.SIZE; i++) {
            c.taken(1);
        }
        c.relocate(1);
        assertEquals(Clusters.FULL, c.listOf(1));
        c.freed(1);
        assertEquals(Clusters.NONFULL, c.listOf(1), "a slot freed in a full cluster");
        for (int i = 1; i < Clusters.SIZE; i++) {
            c.freed(1);
        }
        assertEquals(Clusters.FREE, c.listOf(1), "every slot free again");
        assertEquals(0, c.count(1));
    }

    @Test
    void relocationKeepsAClustersPlaceOnItsListAndPutsAnIsolatedOneLast() {
        Clusters c = new Clusters(1024);
        assertEquals(1, c.first(Clusters.FREE));
        c.isolate(1);
        c.relocate(1);
        assertEquals(2, c.first(Clusters.FREE), "isolated, then put back at the end");
        c.relocate(2);
        assertEquals(2, c.first(Clusters.FREE), "already there: it stays where it is");
        assertEquals(3, c.size(Clusters.FREE));
    }
}
