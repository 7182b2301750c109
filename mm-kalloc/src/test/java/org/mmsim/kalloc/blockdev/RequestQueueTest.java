package org.mmsim.kalloc.blockdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class RequestQueueTest {
    private final ManualTime time = new ManualTime();
    private final VmStat vmstat = new VmStat();

    private RequestQueue queue(DiskSpec disk) {
        return new RequestQueue(disk, time, time, vmstat);
    }

    @Test
    void aRequestTakesTheLatencyThenItsBytesOverTheBandwidth() {
        // virtio: 100 µs + 32 KiB / 100 MiB/s = 100 000 + 32768e9 / 104857600 = 100 000 + 312 500 ns.
        RequestQueue q = queue(DiskSpec.preset("virtio"));
        q.plugRead(8);
        assertEquals(412_500, q.unplug());
        // hdd: 8 ms + 4096e9 / 150e6 = 8 000 000 + 27 306.67, rounded: 8 027 307 ns for one page.
        assertEquals(8_027_307, DiskSpec.preset("hdd").serviceNanos(4096));
        // nvme: 50 µs + 1 MiB / 3e9 = 50 000 + 349 525.33 ns.
        assertEquals(399_525, DiskSpec.preset("nvme").serviceNanos(1 << 20));
    }

    @Test
    void aReadWaitsBehindTheWritesQueuedBeforeIt() {
        RequestQueue q = queue(DiskSpec.preset("virtio"));
        // 32 pages swapped out: 100 µs + 128 KiB at 100 MiB/s = 100 000 + 1 250 000 ns; then one page read:
        // 100 000 + 39 062.5, rounded 39 063 ns, after it.
        q.plugWrite(32);
        q.unplug();
        q.plugRead(1);
        assertEquals(1_350_000 + 139_063, q.unplug());
        assertEquals(1_489_063, q.idleAt());
    }

    @Test
    void pagesCountInVmstatWhenTheirRequestCompletes() {
        RequestQueue q = queue(DiskSpec.preset("virtio"));
        q.plugWrite(32);
        q.plugRead(1);
        long readDone = q.unplug();
        assertEquals(0, vmstat.get(VmItem.PGPGOUT), "nothing is done at submission");
        time.sleep(1_350_000 - 1);
        assertEquals(0, vmstat.get(VmItem.PGPGOUT));
        time.sleep(1);
        assertEquals(128, vmstat.get(VmItem.PGPGOUT), "32 pages of 4 KiB");
        assertEquals(0, vmstat.get(VmItem.PGPGIN));
        time.sleep(readDone - time.nanos());
        assertEquals(4, vmstat.get(VmItem.PGPGIN));
    }

    @Test
    void aFullPlugGoesAsOneRequestOfBioMaxVecsPages() {
        RequestQueue q = queue(DiskSpec.preset("ssd"));
        q.plugRead(BlockQueue.MAX_REQUEST_PAGES + 1);
        // One full request went at once; the page left waits for the unplug.
        long full = DiskSpec.preset("ssd").serviceNanos(1 << 20);
        assertEquals(full, q.idleAt());
        assertEquals(full + DiskSpec.preset("ssd").serviceNanos(4096), q.unplug());
    }

    @Test
    void aWriteOfNoPagesOrMoreThanARequestIsRefused() {
        RequestQueue q = queue(DiskSpec.defaults());
        assertThrows(IllegalArgumentException.class, () -> q.submitWrite(0, now -> { }));
        assertThrows(IllegalArgumentException.class, () -> q.submitWrite(BlockQueue.MAX_REQUEST_PAGES + 1, now -> { }));
        assertEquals(0, q.idleAt(), "nothing queued");
    }

    @Test
    void anIdleDiskStartsARequestWhenItComes() {
        RequestQueue q = queue(DiskSpec.preset("virtio"));
        time.sleep(5_000_000);
        q.plugRead(1);
        assertEquals(5_000_000 + 139_063, q.unplug());
    }

    /** One step of an I/O stream: an amount of pages, what is done with them, and a pause before the next. */
    record Step(int kind, int pages, long pauseNanos) {
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 600), Arbitraries.longs().between(0, 20_000_000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void noIntervalMovesMoreThanTheBandwidthAllowsPlusOneRequest(@ForAll("streams") List<Step> steps,
                                                                  @ForAll("disks") DiskSpec disk) {
        // jqwik runs every try on one instance: each stream gets a disk, a clock and counters of its own.
        ManualTime time = new ManualTime();
        VmStat vmstat = new VmStat();
        RequestQueue q = new RequestQueue(disk, time, time, vmstat);
        List<long[]> samples = new ArrayList<>();
        samples.add(new long[] {0, 0});
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> q.plugRead(s.pages());
                case 1 -> q.plugWrite(s.pages());
                case 2 -> q.submitWrite(Math.min(s.pages(), BlockQueue.MAX_REQUEST_PAGES), now -> { });
                default -> q.unplug();
            }
            time.sleep(s.pauseNanos());
            samples.add(new long[] {time.nanos(), vmstat.get(VmItem.PGPGIN) + vmstat.get(VmItem.PGPGOUT)});
        }
        q.unplug();
        time.sleep(q.idleAt() - time.nanos());
        samples.add(new long[] {time.nanos(), vmstat.get(VmItem.PGPGIN) + vmstat.get(VmItem.PGPGOUT)});
        long oneRequest = (long) BlockQueue.MAX_REQUEST_PAGES * 4096;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                long bytes = (samples.get(j)[1] - samples.get(i)[1]) * 1024;
                double allowed = disk.bandwidth() * ((samples.get(j)[0] - samples.get(i)[0]) / 1e9) + oneRequest;
                assertTrue(bytes <= allowed, bytes + " bytes moved in " + (samples.get(j)[0] - samples.get(i)[0])
                        + " ns; at most " + allowed);
            }
        }
        long plugged = 0;
        for (Step s : steps) {
            plugged += s.kind() == 2 ? Math.min(s.pages(), BlockQueue.MAX_REQUEST_PAGES) : s.kind() < 2 ? s.pages() : 0;
        }
        assertEquals(plugged * 4, samples.get(samples.size() - 1)[1], "every page counted once it is done");
    }

    @Provide
    Arbitrary<DiskSpec> disks() {
        return Arbitraries.of(DiskSpec.PRESETS).map(DiskSpec::preset);
    }
}
