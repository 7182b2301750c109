package org.mmsim.tools.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.proc.LinuxSamples;
import org.mmsim.trace.plugin.PolicyRegistry;

/** /sys/devices/system/node/nodeN against the samples' node0 and a ring of four. */
class SysNodeTest {
    private static SimulatedMachine boot(MachineConfig config) {
        return MachineAssembler.boot(config, PolicyRegistry.load(Optional.empty()));
    }

    @Test
    void oneNodeHasTheSamplesFiles() {
        SimulatedMachine machine = boot(MachineConfig.builder().ramBytes(1L << 30).build());
        assertEquals(String.join("\n", LinuxSamples.lines("sys-node0-distance.txt")) + "\n",
                SysNode.read(machine, "/sys/devices/system/node/node0/distance"));
        assertEquals("0-1\n", SysNode.read(machine, "/sys/devices/system/node/node0/cpulist"), "this machine's node0");
        List<String> keys = SysNode.read(machine, "/sys/devices/system/node/node0/numastat").lines()
                .map(l -> l.split(" ")[0]).toList();
        assertEquals(LinuxSamples.lines("sys-node0-numastat.txt").stream().map(l -> l.split(" ")[0]).toList(), keys);
    }

    @Test
    void aRingOfFourHasItsRows() {
        SimulatedMachine machine = boot(MachineConfig.builder().ramBytes(1L << 30).nodes(4).cpus(8).distance("ring")
                .build());
        assertEquals("22 16 10 16\n", SysNode.read(machine, "/sys/devices/system/node/node2/distance"));
        assertEquals("4-5\n", SysNode.read(machine, "/sys/devices/system/node/node2/cpulist"));
        assertEquals("no such file '/sys/devices/system/node/node4/distance'; expected /sys/devices/system/node/node0 to "
                + "node3/FILE", assertThrows(IllegalArgumentException.class,
                        () -> SysNode.read(machine, "/sys/devices/system/node/node4/distance")).getMessage());
    }
}
