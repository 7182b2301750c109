package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

/**
 * Swap on a disk of its own (machine key {@code swap_disk}): a swap partition on {@code /dev/vdb} has that disk's
 * request queue, so reading a file from the first disk does not wait behind the swap-outs queued on the second, as
 * it does behind those of a swap file on the first disk itself; vmstat's pgpgin and pgpgout count both disks.
 */
class SwapDiskTest {
    private static final ScenarioHarness SCENARIOS = new ScenarioHarness("swap-disk.mms");

    /** The simulated nanoseconds {@code r read /data} takes after a hog has swapped out to {@code swapPath}. */
    private static long readNanos(String machine, String swapPath, boolean hog) {
        List<String> lines = new ArrayList<>(List.of(machine, "swapon " + swapPath + " size=1G",
                "file create /data 8M", "spawn r"));
        if (hog) {
            lines.addAll(List.of("spawn hog", "hog malloc m 300M", "hog touch m write"));
        }
        long before = SCENARIOS.run(lines).machine().clock().nanos();
        lines.add("r read /data");
        ScenarioResult read = SCENARIOS.run(lines);
        if (hog) {
            assertTrue(read.machine().vmstat().get(VmItem.PSWPOUT) > 10_000, "the hog swapped out");
        }
        return read.machine().clock().nanos() - before;
    }

    /**
     * An 8 MiB cold read from the first disk (virtio, 100 MiB/s) while a hog swaps out: with the swap on a second
     * disk it takes as long whether that disk is an HDD or an NVMe one, and within 5% of the same read on a machine
     * that does not swap (80.8 ms; the 3.9 ms more are the reclaim going on, not the swap disk); with a swap file on
     * the first disk it waits behind the swap-outs, 17 times as long.
     */
    @Test
    void aFileReadDoesNotWaitForSwapOnTheOtherDisk() {
        long alone = readNanos("machine ram=256M swap=0 swap_disk=hdd", "/dev/vdb", false);
        long besideHdd = readNanos("machine ram=256M swap=0 swap_disk=hdd", "/dev/vdb", true);
        long besideNvme = readNanos("machine ram=256M swap=0 swap_disk=nvme", "/dev/vdb2", true);
        long behindSwap = readNanos("machine ram=256M swap=0 swap_disk=hdd", "/swapfile", true);
        assertEquals(80_800_000, alone);
        assertEquals(besideHdd, besideNvme, "the swap disk's speed does not reach the file read");
        assertTrue(besideHdd < alone * 1.05, besideHdd + " ns against " + alone);
        assertTrue(behindSwap > 10 * alone, "a swap file shares the disk: " + behindSwap + " ns against " + alone);
    }

    @Test
    void pgpgoutCountsTheSwapDisksWrites() {
        ScenarioResult r = SCENARIOS.run("machine ram=256M swap=0 swap_disk=nvme", "swapon /dev/vdb size=1G",
                "spawn hog", "hog malloc m 300M", "hog touch m write", "tick 5s");
        long pswpout = r.machine().vmstat().get(VmItem.PSWPOUT);
        assertTrue(pswpout > 10_000, "swapped out: " + pswpout);
        assertTrue(r.machine().vmstat().get(VmItem.PGPGOUT) >= pswpout * 4, "each swapped-out page's 4 KiB");
    }
}
