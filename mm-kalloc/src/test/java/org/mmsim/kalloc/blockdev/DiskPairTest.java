package org.mmsim.kalloc.blockdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mmsim.api.DiskSpec;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * Two disks, each with its request queue: the file system's ({@code /dev/vda}) and a swap disk ({@code /dev/vdb}),
 * behind one task plug ({@link DiskPair}). Each queue keeps to its own bandwidth, and a read on one disk does not wait
 * behind the other's requests.
 */
class DiskPairTest {
    /** One step of two I/O streams: which disk, read or write, how many pages, and a pause before the next. */
    record Step(int kind, int pages, long pauseNanos) {
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, 600), Arbitraries.longs().between(0, 20_000_000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<DiskSpec> disks() {
        return Arbitraries.of(DiskSpec.PRESETS).map(DiskSpec::preset);
    }

    @Property(tries = 200)
    void neitherQueueMovesMoreThanItsBandwidthAllowsPlusOneRequest(@ForAll("streams") List<Step> steps,
                                                                   @ForAll("disks") DiskSpec fileDisk,
                                                                   @ForAll("disks") DiskSpec swapDisk) {
        ManualTime time = new ManualTime();
        // A counter each, to see each disk's share of pgpgin and pgpgout.
        VmStat vdaStat = new VmStat();
        VmStat vdbStat = new VmStat();
        RequestQueue vda = new RequestQueue(fileDisk, time, time, vdaStat);
        RequestQueue vdb = new RequestQueue(swapDisk, time, time, vdbStat);
        Disks disks = new Disks(vda, vdb);
        BlockQueue plug = disks.taskQueue();
        List<long[]> samples = new ArrayList<>();
        samples.add(new long[] {0, 0, 0});
        long plugged = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> plug.plugRead(s.pages());
                case 1 -> plug.plugWrite(s.pages());
                case 2 -> disks.queueOf("/dev/vdb").plugRead(s.pages());
                case 3 -> disks.queueOf("/dev/vdb1").plugWrite(s.pages());
                default -> plug.unplug();
            }
            plugged += s.kind() < 4 ? s.pages() : 0;
            time.sleep(s.pauseNanos());
            samples.add(new long[] {time.nanos(), kib(vdaStat), kib(vdbStat)});
        }
        plug.unplug();
        time.sleep(plug.idleAt() - time.nanos());
        samples.add(new long[] {time.nanos(), kib(vdaStat), kib(vdbStat)});
        long oneRequest = (long) BlockQueue.MAX_REQUEST_PAGES * 4096;
        DiskSpec[] specs = {fileDisk, swapDisk};
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                double seconds = (samples.get(j)[0] - samples.get(i)[0]) / 1e9;
                for (int d = 0; d < 2; d++) {
                    long bytes = (samples.get(j)[1 + d] - samples.get(i)[1 + d]) * 1024;
                    double allowed = specs[d].bandwidth() * seconds + oneRequest;
                    assertTrue(bytes <= allowed, "disk " + d + ": " + bytes + " bytes in " + seconds + " s; at most "
                            + allowed);
                }
            }
        }
        long[] last = samples.get(samples.size() - 1);
        assertEquals(plugged * 4, last[1] + last[2], "every page counted once, on one disk or the other");
    }

    private static long kib(VmStat vmstat) {
        return vmstat.get(VmItem.PGPGIN) + vmstat.get(VmItem.PGPGOUT);
    }

    @Test
    void aFileReadDoesNotWaitBehindTheSwapDisksBacklog() {
        ManualTime time = new ManualTime();
        VmStat vmstat = new VmStat();
        DiskSpec ssd = DiskSpec.preset("ssd");
        RequestQueue vda = new RequestQueue(ssd, time, time, vmstat);
        RequestQueue vdb = new RequestQueue(DiskSpec.preset("hdd"), time, time, vmstat);
        Disks disks = new Disks(vda, vdb);
        BlockQueue plug = disks.taskQueue();
        // Reclaim swapped out 64 MiB to the second disk: 64 requests of 1 MiB, 8 ms + 6.99 ms each on the HDD.
        disks.queueOf("/dev/vdb2").plugWrite(64 * 256);
        plug.unplug();
        plug.plugRead(1);
        // One page on the SSD, from now: 0.1 ms + 4096 / 500 MB/s = 100 us + 8.192 us.
        assertEquals(108_192, plug.unplug(), "the file read waits for its own disk only");
        disks.queueOf("/dev/vdb2").plugRead(1);
        long swapIn = plug.unplug();
        assertEquals(64 * service(DiskSpec.preset("hdd"), 256) + service(DiskSpec.preset("hdd"), 1), swapIn,
                "a swap-in waits behind the swap-outs on its disk");
    }

    private static long service(DiskSpec disk, int pages) {
        return disk.serviceNanos((long) pages << 12);
    }

    @Test
    void swapFilesAreOnTheFirstDiskAndAMachineOfOneDiskHasOneQueue() {
        ManualTime time = new ManualTime();
        RequestQueue vda = new RequestQueue(DiskSpec.defaults(), time, time, new VmStat());
        RequestQueue vdb = new RequestQueue(DiskSpec.defaults(), time, time, new VmStat());
        Disks two = new Disks(vda, vdb);
        assertSame(vda, two.queueOf("/swap.img"));
        assertSame(vda, two.queueOf("/dev/vda3"));
        assertSame(vda, two.queueOf("/dev/vdbx"));
        assertSame(vdb, two.queueOf("/dev/vdb"));
        assertSame(vdb, two.queueOf("/dev/vdb12"));
        Disks one = new Disks(vda, null);
        assertSame(vda, one.queueOf("/dev/vdb"));
        assertSame(vda, one.taskQueue());
    }
}
