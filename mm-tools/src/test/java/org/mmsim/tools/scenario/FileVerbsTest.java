package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.figure;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

/**
 * The page cache's verbs through whole scenarios: the buffer cache against the page cache in meminfo, drop_caches,
 * dirty pages of shared mappings, and one {@code FILE:LINE: found; expected} error for each kind of bad line.
 */
class FileVerbsTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("p.mms");

    /** read(2) waits for the pages it reads from the disk, at the disk's 100 MiB/s; from the page cache it waits not. */
    @Test
    void aColdReadWaitsForTheDiskAndAWarmOneDoesNot() {
        ScenarioResult r = scenarios.run("machine ram=512M", "file create /data/a 100M", "spawn app", "cat /proc/uptime",
                "app read /data/a", "cat /proc/uptime", "app read /data/a", "cat /proc/uptime");
        double start = Double.parseDouble(printedBy(r, 4).split(" ")[0]);
        double cold = Double.parseDouble(printedBy(r, 6).split(" ")[0]);
        double warm = Double.parseDouble(printedBy(r, 8).split(" ")[0]);
        assertEquals(1.00, cold - start, 0.011, "100 MiB at 100 MiB/s");
        assertEquals(cold, warm, 0.0, "every page in the page cache");
    }

    @Test
    void metadataGoesToBuffersAndFileDataToCached() {
        ScenarioResult r = scenarios.run("machine ram=256M", "cat /proc/meminfo", "file create /data/a 1M", "cat /proc/meminfo",
                "spawn app", "cat /proc/meminfo", "app read /data/a", "cat /proc/meminfo");
        String boot = printedBy(r, 2);
        // Mounting read the superblock, the group descriptors, the root inode's block and the root directory (16 kB);
        // init's start looked up its image and libraries, reading their directories' and inodes' blocks (20 kB),
        // and faulted their text in from the page cache (Cached).
        assertEquals(36, figure(boot, "Buffers"));
        long initCached = figure(boot, "Cached");
        assertTrue(initCached > 1000 && initCached < 3000, boot);
        String created = printedBy(r, 4);
        // New in the buffer cache: /data's entries, the block bitmap, the inode bitmap (the new inode's block is the
        // inode table block init's lookups read already); dirty: those four and the group descriptors.
        assertEquals(36 + 12, figure(created, "Buffers"));
        assertEquals(20, figure(created, "Dirty"));
        assertEquals(initCached, figure(created, "Cached"), "metadata is not Cached");
        String before = printedBy(r, 6);
        assertEquals("app: read 1048576 bytes of /data/a at 0: 256 pages, 0 in the page cache, 256 from disk; 1024 kB read in; "
                + "content ", printedBy(r, 7).substring(0, printedBy(r, 7).length() - 9));
        String after = printedBy(r, 8);
        assertEquals(1024, figure(after, "Cached") - figure(before, "Cached"), "the file's pages are Cached");
        assertEquals(figure(before, "Buffers"), figure(after, "Buffers"), "its inode was cached: no metadata read");
        long filePages = r.machine().vmstat().get(VmItem.NR_FILE_PAGES);
        assertEquals(filePages * 4, figure(after, "Buffers") + figure(after, "Cached"), "Cached = file pages - Buffers");
    }

    @Test
    void dropCachesDropsCleanPagesAndBuffersButNotDirtyOnes() {
        ScenarioResult r = scenarios.run("machine ram=256M", "file create /data/a 1M", "spawn app", "app read /data/a",
                "app write /data/a length=64K", "drop_caches 1", "cat /proc/meminfo", "sync", "drop_caches 1",
                "cat /proc/meminfo", "app read /data/a length=4K", "cat /proc/meminfo", "drop_caches 3",
                "app read /data/a length=4K", "cat /proc/meminfo", "cat /proc/sys/vm/drop_caches");
        String dirty = printedBy(r, 7);
        assertEquals(64 + 20, figure(dirty, "Dirty"), "the written pages and the created file's metadata");
        assertEquals(20, figure(dirty, "Buffers"), "only the dirty buffers stay");
        assertEquals(64 + figure(dirty, "Mapped"), figure(dirty, "Cached"), "dirty and mapped pages stay");
        String clean = printedBy(r, 10);
        assertEquals(0, figure(clean, "Dirty"));
        assertEquals(0, figure(clean, "Buffers"));
        assertEquals(figure(clean, "Mapped"), figure(clean, "Cached"), "only the mapped pages of the program stay");
        assertEquals(0, figure(printedBy(r, 12), "Buffers"), "the inode is still in the inode cache: no metadata read");
        // drop_caches 2 pruned the inode cache: the next lookup reads /, /data, and the inode's blocks again.
        assertEquals(16, figure(printedBy(r, 15), "Buffers"));
        assertEquals(3, r.machine().vmstat().get(VmItem.DROP_PAGECACHE));
        assertEquals(1, r.machine().vmstat().get(VmItem.DROP_SLAB));
        assertEquals("3\n", printedBy(r, 16));
    }

    @Test
    void readAfterWriteSurvivesWritebackAndDropCaches() {
        ScenarioResult r = scenarios.run("machine ram=256M", "file create /f 256K", "spawn app", "app write /f length=128K",
                "app read /f", "sync", "drop_caches 1", "app read /f", "tick 40s", "drop_caches 3", "app read /f");
        String content = printedBy(r, 5).replaceAll(".*content ", "");
        assertEquals(content, printedBy(r, 8).replaceAll(".*content ", ""), "after sync and drop_caches");
        assertEquals(content, printedBy(r, 11).replaceAll(".*content ", ""));
        assertTrue(printedBy(r, 8).contains("64 pages, 0 in the page cache, 64 from disk"), printedBy(r, 8));
    }

    @Test
    void aSharedMappingsWritesAreDirtyPagesOfTheFile() {
        ScenarioResult r = scenarios.run("machine ram=256M", "file create /data/m 64K", "sync", "spawn app",
                "cat /proc/meminfo", "app mmap m 64K file=/data/m shared", "app touch m write", "cat /proc/meminfo",
                "app fsync /data/m", "cat /proc/meminfo");
        String written = printedBy(r, 8);
        assertEquals(64, figure(written, "Dirty"));
        // Mapped had the programs' own file pages (init's and app's images) before the mapping.
        assertEquals(64, figure(written, "Mapped") - figure(printedBy(r, 5), "Mapped"));
        // One request of 16 pages on the virtio disk: 100 µs + 64 KiB at 100 MiB/s (625 µs).
        assertEquals("app: fsync /data/m: 16 pages written, waited 0.725 ms\n", printedBy(r, 9));
        assertEquals(0, figure(printedBy(r, 10), "Dirty"));
    }

    @Test
    void aWriterOverTheDirtyLimitIsThrottledUntilTheDiskCatchesUp() {
        ScenarioResult r = scenarios.run("machine ram=256M", "file create /big 128M", "spawn app", "app write /big length=16M",
                "app write /big", "cat /proc/vmstat");
        assertTrue(printedBy(r, 4).endsWith("4096 pages, 0 in the page cache, 0 read first\n"), "under the limit: " + printedBy(r, 4));
        Matcher m = Pattern.compile("throttled ([0-9.]+) (ms|s)\n").matcher(printedBy(r, 5));
        assertTrue(m.find(), printedBy(r, 5));
        long thresh = r.machine().writeback().dirtyThreshold();
        long dirty = r.machine().vmstat().get(VmItem.NR_DIRTY) + r.machine().vmstat().get(VmItem.NR_WRITEBACK);
        assertTrue(dirty <= thresh + 256, "dirty " + dirty + " against the limit " + thresh);
        assertTrue(r.machine().vmstat().get(VmItem.NR_WRITTEN) > 0);
        assertTrue(r.machine().clock().nanos() > 0, "the writer waited in simulated time");
    }

    @Test
    void theDirtySysctlsReadAndWrite() {
        ScenarioResult r = scenarios.run("sysctl vm.dirty_ratio", "sysctl vm.dirty_background_ratio", "sysctl vm.dirty_expire_centisecs",
                "sysctl vm.dirty_writeback_centisecs", "sysctl vm.dirty_ratio=30", "cat /proc/sys/vm/dirty_ratio");
        assertEquals("vm.dirty_ratio = 20\nvm.dirty_background_ratio = 10\nvm.dirty_expire_centisecs = 3000\n"
                + "vm.dirty_writeback_centisecs = 500\nvm.dirty_ratio = 30\n30\n", r.text());
        assertEquals("p.mms:1: vm.dirty_ratio 101; expected 0 to 100", scenarios.error("sysctl vm.dirty_ratio=101"));
        assertEquals("p.mms:1: vm.dirty_expire_centisecs -1; expected 0 or more", scenarios.error("sysctl vm.dirty_expire_centisecs=-1"));
        assertEquals("p.mms:1: vm.drop_caches 0; expected 1 to 4", scenarios.error("sysctl vm.drop_caches=0"));
    }

    @Test
    void badLinesAreOneLineErrors() {
        assertEquals("p.mms:1: 'data'; expected an absolute PATH to a file, such as /data/file", scenarios.error("file create data 1M"));
        assertEquals("p.mms:1: 'make'; expected file create PATH SIZE", scenarios.error("file make /x 1M"));
        assertEquals("p.mms:1: file needs SIZE; expected file create PATH SIZE", scenarios.error("file create /x"));
        assertTrue(scenarios.error("file create /x 1Q").startsWith("p.mms:1: SIZE: "));
        assertEquals("p.mms:2: file '/x' exists; expected a new PATH", scenarios.error("file create /x 1M", "file create /x 2M"));
        assertEquals("p.mms:1: drop_caches '5'; expected 1, 2 or 3 (or 4)", scenarios.error("drop_caches 5"));
        assertEquals("p.mms:1: drop_caches 'all'; expected 1, 2 or 3 (or 4)", scenarios.error("drop_caches all"));
        assertEquals("p.mms:1: unexpected 'now' after sync; expected sync", scenarios.error("sync now"));
        assertEquals("p.mms:2: app read needs PATH; expected NAME read PATH [offset=N] [length=N]", scenarios.error("spawn app", "app read"));
        assertEquals("p.mms:2: unknown option 'size' for read; expected one of offset, length", scenarios.error("spawn app", "app read /x size=3"));
        assertTrue(scenarios.error("spawn app", "app write /x offset=-1").startsWith("p.mms:2: offset: "));
        assertEquals("p.mms:2: unexpected 'extra' after app fsync /x; expected NAME fsync PATH", scenarios.error("spawn app", "app fsync /x extra"));
        assertEquals("p.mms:1: no process named 'ghost'; expected a NAME from spawn or fork", scenarios.error("ghost read /x"));
        assertEquals("app: read: open /nope: no such file (ENOENT)\n", scenarios.run("spawn app", "app read /nope").text());
    }
}
