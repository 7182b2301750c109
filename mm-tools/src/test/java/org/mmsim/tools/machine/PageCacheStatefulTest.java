package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.FileIo;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.Files;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The page cache under random chains of reads, writes, fsync, sync, drop_caches and (with the flusher on) time
 * passing, beside a model: what each page of each file holds (the last tokens written, or what was first read of a
 * page never written), and which pages are dirty. After every step: every read returns the model's content, whatever
 * was written back, dropped and read again from disk; nr_dirtied = nr_written + nr_writeback + nr_dirty, and pgpgout
 * counts the KiB of every page sent to the disk. With periodic writeback off (no time passes but a sync's or an
 * fsync's wait), NR_FILE_DIRTY is exactly the model's dirty pages plus the metadata the creates dirtied, nothing is
 * left under writeback after a wait, and drop_caches 1 leaves only dirty pages.
 */
class PageCacheStatefulTest {
    private static final String[] PATHS = {"/a", "/data/b", "/data/c"};
    private static final long[] SIZES = {16, 64, 256};
    private static final Integer[] PIDS = {1, 7};

    static final class World {
        final SimulatedMachine machine;
        final Files files;
        final VmStat v;
        final boolean exact;
        final FileRef[] refs = new FileRef[PATHS.length];
        final Map<Long, Long> content = new HashMap<>();
        final Set<Long> dirty = new HashSet<>();
        long metadataDirty;
        long nextToken = 1;

        World(boolean periodic) {
            machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(128L << 20).build(), PolicyRegistry.load(Optional.empty()));
            files = machine.files();
            v = machine.vmstat();
            exact = !periodic;
            if (periodic) {
                // Small limits, so that background writeback and throttling happen with small files.
                machine.writeback().setDirtyBackgroundRatio(1);
                machine.writeback().setDirtyRatio(2);
            } else {
                machine.writeback().setDirtyWritebackCentisecs(0);
            }
            for (int f = 0; f < PATHS.length; f++) {
                refs[f] = files.create(PATHS[f], SIZES[f] * 4096);
            }
            metadataDirty = v.get(VmItem.NR_DIRTY);
        }

        static long key(int file, long page) {
            return ((long) file << 32) | page;
        }

        void write(int pid, int f, long page, int pages, boolean partial) {
            long[] tokens = new long[pages + (partial ? 1 : 0)];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = nextToken++;
            }
            long offset = page * 4096 + (partial ? 512 : 0);
            FileIo io = files.write(pid, refs[f], offset, pages * 4096L, tokens);
            assertEquals(pages * 4096L, io.bytes());
            for (int i = 0; i < tokens.length; i++) {
                content.put(key(f, page + i), tokens[i]);
                dirty.add(key(f, page + i));
            }
        }

        void read(int pid, int f, long page, int pages) {
            long[] tokens = new long[pages];
            FileIo io = files.read(pid, refs[f], page * 4096, pages * 4096L, tokens);
            assertEquals(pages, io.pages());
            for (int i = 0; i < pages; i++) {
                Long expected = content.putIfAbsent(key(f, page + i), tokens[i]);
                if (expected != null) {
                    assertEquals(expected, tokens[i], PATHS[f] + " page " + (page + i));
                }
            }
        }

        void fsync(int f) {
            files.fsync(PIDS[0], refs[f]);
            dirty.removeIf(k -> (k >>> 32) == f);
            if (exact) {
                assertEquals(0, v.get(VmItem.NR_WRITEBACK), "fsync waited");
            }
        }

        void sync() {
            files.sync();
            dirty.clear();
            metadataDirty = 0;
            assertEquals(0, v.get(VmItem.NR_DIRTY));
            assertEquals(0, v.get(VmItem.NR_WRITEBACK));
        }

        void dropCaches(int mode) {
            files.dropCaches(mode);
            if (exact && (mode & 1) != 0) {
                assertEquals(v.get(VmItem.NR_DIRTY) + v.get(VmItem.NR_MAPPED), v.get(VmItem.NR_FILE_PAGES),
                        "only dirty (and mapped) pages stay");
            }
        }

        void check() {
            long nrDirty = v.get(VmItem.NR_DIRTY);
            long nrWriteback = v.get(VmItem.NR_WRITEBACK);
            assertTrue(nrDirty >= 0 && nrWriteback >= 0);
            assertEquals(v.get(VmItem.NR_DIRTIED), v.get(VmItem.NR_WRITTEN) + nrWriteback + nrDirty,
                    "every page dirtied is written once, in flight, or still dirty");
            assertEquals(4 * (v.get(VmItem.NR_WRITTEN) + nrWriteback), v.get(VmItem.PGPGOUT), "pgpgout in KiB");
            assertEquals(nrDirty + nrWriteback, v.get(VmItem.NR_ZONE_WRITE_PENDING));
            assertTrue(files.bufferPages() <= v.get(VmItem.NR_FILE_PAGES));
            if (exact) {
                assertEquals(dirty.size() + metadataDirty, nrDirty, "dirty pages against the model");
                assertEquals(0, nrWriteback);
            } else {
                assertTrue(nrDirty + nrWriteback <= 2L * dirty.size() + metadataDirty, "no more dirty than written");
            }
        }

        /** Syncs, drops everything and reads every page the model knows from disk. */
        void readEverythingFromDisk() {
            sync();
            files.dropCaches(3);
            for (int f = 0; f < PATHS.length; f++) {
                read(PIDS[1], f, 0, (int) SIZES[f]);
            }
        }
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    private static Arbitrary<Transformer<World>> writes() {
        return Arbitraries.integers().between(0, PATHS.length - 1).flatMap(f -> Arbitraries.longs().between(0, SIZES[f] - 1)
                .flatMap(p -> Arbitraries.integers().between(1, 24).flatMap(n -> Arbitraries.of(PIDS)
                        .flatMap(pid -> Arbitraries.of(false, true).map(partial -> {
                            // A partial write starts 512 bytes into its first page and ends inside the page after its last.
                            int pages = (int) Math.min(n, SIZES[f] - p - (partial ? 1 : 0));
                            boolean part = partial && pages > 0;
                            int count = Math.max(1, pages);
                            return Transformer.<World>mutate("write " + count + " pages of " + PATHS[f] + " at " + p
                                    + (part ? "+512" : "") + " by " + pid, w -> w.write(pid, f, p, count, part));
                        })))));
    }

    private static Arbitrary<Transformer<World>> reads() {
        return Arbitraries.integers().between(0, PATHS.length - 1).flatMap(f -> Arbitraries.longs().between(0, SIZES[f] - 1)
                .flatMap(p -> Arbitraries.integers().between(1, 40).flatMap(n -> Arbitraries.of(PIDS).map(pid -> {
                    int pages = (int) Math.min(n, SIZES[f] - p);
                    return Transformer.<World>mutate("read " + pages + " pages of " + PATHS[f] + " at " + p + " by " + pid,
                            w -> w.read(pid, f, p, pages));
                }))));
    }

    private static Arbitrary<ActionChain<World>> chains(boolean periodic) {
        ActionChainArbitrary<World> chain = ActionChain.startWith(() -> new World(periodic))
                .withAction(6, action(writes()))
                .withAction(6, action(reads()))
                .withAction(1, action(Arbitraries.integers().between(0, PATHS.length - 1)
                        .map(f -> Transformer.<World>mutate("fsync " + PATHS[f], w -> w.fsync(f)))))
                .withAction(1, action(Arbitraries.just(Transformer.<World>mutate("sync", World::sync))))
                .withAction(2, action(Arbitraries.integers().between(1, 3)
                        .map(m -> Transformer.<World>mutate("drop_caches " + m, w -> w.dropCaches(m)))));
        if (periodic) {
            chain = chain.withAction(3, action(Arbitraries.longs().between(1, 40_000)
                    .map(ms -> Transformer.<World>mutate("tick " + ms + "ms", w -> w.machine.advance(ms * 1_000_000L)))));
        }
        return chain.withMaxTransformations(40);
    }

    @Provide
    Arbitrary<ActionChain<World>> exactChains() {
        return chains(false);
    }

    @Provide
    Arbitrary<ActionChain<World>> periodicChains() {
        return chains(true);
    }

    @Property(tries = 40)
    void withoutPeriodicWritebackTheCountersAreTheModels(@ForAll("exactChains") ActionChain<World> chain) {
        World end = chain.withInvariant(World::check).run();
        end.readEverythingFromDisk();
    }

    @Property(tries = 40)
    void readAfterWriteHoldsAcrossTheFlusherFsyncAndDropCaches(@ForAll("periodicChains") ActionChain<World> chain) {
        World end = chain.withInvariant(World::check).run();
        end.readEverythingFromDisk();
    }
}
