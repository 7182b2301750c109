package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.FileIo;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.Files;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The page cache through the {@link Files} API on a whole machine: readahead windows as mm/readahead.c computes them,
 * the flusher's timing in simulated time, and the counters of dirty pages and writeback.
 */
class PageCacheTest {
    private static final long MS = 1_000_000L;
    private static final int PID = 1;

    private static SimulatedMachine boot() {
        return MachineAssembler.boot(MachineConfig.builder().ramBytes(256L << 20).build(), PolicyRegistry.load(Optional.empty()));
    }

    @Test
    void sequentialReadsGrowTheReadaheadWindowToRaPages() {
        SimulatedMachine machine = boot();
        Files files = machine.files();
        FileRef file = files.create("/seq", 1 << 20);
        // Reading 4 KiB at a time: get_init_ra_size(1, 32) = 4 pages (3 of them async, the marker on page 1), then
        // each marker hit starts the next window: get_next_ra_size() gives 8, 16, 32, 32, ... and the last one stops
        // at the end of the file (page 255).
        long[] expected = new long[256];
        expected[0] = 4;
        expected[1] = 8;
        expected[4] = 16;
        for (int marker : new int[] {12, 28, 60, 92, 124, 156, 188}) {
            expected[marker] = 32;
        }
        expected[220] = 4;
        long[] pagesIn = new long[256];
        for (int page = 0; page < 256; page++) {
            FileIo io = files.read(PID, file, page * 4096L, 4096, null);
            pagesIn[page] = io.pagesIn();
            assertEquals(page == 0 ? 1 : 0, io.misses(), "page " + page + " is a miss only at the start");
        }
        assertArrayEquals(expected, pagesIn);
    }

    @Test
    void randomReadsReadOnlyWhatIsAskedAndASequentialOneStartsAWindowAgain() {
        SimulatedMachine machine = boot();
        Files files = machine.files();
        FileRef file = files.create("/random", 1 << 20);
        // Not at the start, not after the previous read, no cached run before it: do_page_cache_ra() of the request.
        assertEquals(1, files.read(PID, file, 50 * 4096L, 4096, null).pagesIn());
        assertEquals(1, files.read(PID, file, 200 * 4096L, 4096, null).pagesIn());
        assertEquals(1, files.read(PID, file, 51 * 4096L, 4096, null).pagesIn(), "one cached page before is too short a run");
        assertEquals(4, files.read(PID, file, 52 * 4096L, 4096, null).pagesIn(), "right after the previous read: a new window");
        // A 1 MiB read: the window is the request (io_pages allows 256), half of it async; its marker at page 128
        // reads the next 256 pages ahead, past the end of a 2 MiB file's first half.
        FileRef big = files.create("/big", 2 << 20);
        FileIo io = files.read(PID, big, 0, 1 << 20, null);
        assertEquals(512, io.pagesIn());
        assertEquals(256, io.misses());
    }

    @Test
    void periodicWritebackWritesDataOnceItIsOlderThanDirtyExpire() {
        SimulatedMachine machine = boot();
        // The boot ends at 0.02 s (init read its image from the disk); the flusher's periods count from there.
        long boot = machine.clock().nanos();
        Files files = machine.files();
        VmStat v = machine.vmstat();
        FileRef file = files.create("/expire", 1 << 20);
        // The metadata the create dirtied queued the flusher at 5 s (wb_wakeup_delayed()); sync cleans it.
        files.sync();
        machine.advance(100 * MS - machine.clock().nanos());
        files.write(PID, file, 0, 1 << 20, null);
        long written = v.get(VmItem.NR_WRITTEN);
        assertEquals(256, v.get(VmItem.NR_DIRTY));
        // The flusher runs 5, 10, ... 30 s after the boot: then the expire cutoff is the boot, and the data was
        // dirtied at 0.1 s.
        machine.advance(boot + 34_999 * MS - machine.clock().nanos());
        assertEquals(256, v.get(VmItem.NR_DIRTY), "not expired before 35 s");
        // 35 s after the boot the cutoff is 5 s after it: all 256 pages go in one bio, which the disk (virtio: 100 µs
        // a request, 100 MiB/s) writes in 0.1 + 10 ms, so it completes 35.0101 s after the boot.
        machine.advance(boot + 35_010 * MS - machine.clock().nanos());
        assertEquals(0, v.get(VmItem.NR_DIRTY));
        assertEquals(256, v.get(VmItem.NR_WRITEBACK));
        machine.advance(MS / 10);
        assertEquals(0, v.get(VmItem.NR_WRITEBACK));
        assertEquals(written + 256, v.get(VmItem.NR_WRITTEN));
        assertEquals(4 * v.get(VmItem.NR_WRITTEN), v.get(VmItem.PGPGOUT), "pgpgout in KiB");
    }

    @Test
    void theBackgroundThresholdWakesTheFlusherAtOnce() {
        SimulatedMachine machine = boot();
        Files files = machine.files();
        VmStat v = machine.vmstat();
        machine.writeback().setDirtyBackgroundRatio(1);
        long background = machine.writeback().backgroundThreshold();
        FileRef file = files.create("/bg", (background + 2048) * 4096);
        files.write(PID, file, 0, (background + 2048) * 4096, null);
        assertEquals(0, v.get(VmItem.NR_WRITEBACK), "no time has passed");
        machine.advance(1);
        assertEquals(1024, v.get(VmItem.NR_WRITEBACK), "MIN_WRITEBACK_PAGES submitted at once");
        machine.advance(10_000 * MS);
        assertEquals(v.get(VmItem.NR_DIRTY) <= machine.writeback().backgroundThreshold(), true, "down to the threshold");
    }

    @Test
    void theThresholdsFollowGlobalDirtyableMemory() {
        SimulatedMachine machine = boot();
        long dirtyable = machine.writeback().dirtyableMemory();
        // domain_dirty_limits(): ratios in 1/4096ths: 20% is 819, 10% is 409.
        assertEquals(819 * dirtyable / 4096, machine.writeback().dirtyThreshold());
        assertEquals(409 * dirtyable / 4096, machine.writeback().backgroundThreshold());
        machine.writeback().setDirtyBackgroundRatio(50);
        machine.writeback().setDirtyRatio(40);
        assertEquals(1638 * dirtyable / 4096 / 2, machine.writeback().backgroundThreshold(), "background >= limit: half the limit");
    }

    @Test
    void callsRefuseBadArguments() {
        Files files = boot().files();
        FileRef file = files.create("/x", 4096);
        assertEquals("EEXIST", assertThrows(SyscallException.class, () -> files.create("/x", 1)).errno());
        assertEquals("EINVAL", assertThrows(SyscallException.class, () -> files.create("rel", 1)).errno());
        assertEquals("EINVAL", assertThrows(SyscallException.class, () -> files.read(PID, file, -1, 1, null)).errno());
        assertThrows(IllegalArgumentException.class, () -> files.dropCaches(5));
        assertEquals(0, files.read(PID, file, 4096, 10, null).bytes(), "at the end of the file");
        assertEquals(8192, files.write(PID, file, 4096, 8192, null).bytes());
        assertEquals(12288, files.size(file), "a write past the end extends the file");
    }
}
