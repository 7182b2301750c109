package org.mmsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The distance table's forms and the SLIT's rules. */
class NodeDistancesTest {
    @Test
    void rowsOrAPreset() {
        assertEquals(NodeDistances.uniform(2), NodeDistances.parse("10,21/21,10", 2));
        assertEquals(List.of(10, 16, 22, 16), NodeDistances.ring(4).flat().subList(0, 4));
        assertEquals(NodeDistances.ring(4), NodeDistances.parse("ring", 4));
        assertEquals(21, MachineConfig.builder().nodes(2).ramBytes(1L << 30).build().distance().distance(0, 1));
        assertEquals(16, MachineConfig.builder().distance("ring").nodes(4).ramBytes(1L << 30).build().distance()
                .distance(3, 0), "the value is read once the nodes are known, whatever the keys' order");
    }

    @Test
    void badTablesSayWhatIsExpected() {
        assertEquals("distance 12 from node 0 to node 0; expected 10 to itself",
                assertThrows(IllegalArgumentException.class, () -> NodeDistances.parse("12,21/21,10", 2)).getMessage());
        assertEquals("distance 10 from node 0 to node 1; expected 11 to 254 to another node",
                assertThrows(IllegalArgumentException.class, () -> NodeDistances.parse("10,10/10,10", 2)).getMessage());
        assertEquals("distance '10,21/21'; expected a row of 2 for each node, such as 10,21/21,10",
                assertThrows(IllegalArgumentException.class, () -> NodeDistances.parse("10,21/21", 2)).getMessage());
        assertEquals("distance 'far'; expected ring, or a row of numbers for each node, rows separated by /, such as "
                + "10,21/21,10", assertThrows(IllegalArgumentException.class, () -> NodeDistances.parse("far", 2))
                .getMessage());
    }
}
