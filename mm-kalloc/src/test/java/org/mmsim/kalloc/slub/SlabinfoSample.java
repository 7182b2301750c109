package org.mmsim.kalloc.slub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole /proc/slabinfo of a real Linux 6.18 boot (x86-64, 2 vCPUs, 24 GiB):
 * shared/design/linux-6.18-samples/proc-slabinfo-full.txt beside the repository. The geometry tests are checks
 * against it, so a missing sample fails them rather than skipping them.
 */
final class SlabinfoSample {
    /** The sample machine's CPUs, which decide slub_min_objects and hence the orders. */
    static final int CPUS = 2;
    private static final String FILE = "design/linux-6.18-samples/proc-slabinfo-full.txt";

    /** One cache's row: its name and the geometry columns (objsize is the slot, {@code s->size}). */
    record Row(String name, int objSize, int objPerSlab, int pagesPerSlab) {
        @Override
        public String toString() {
            return name + " " + objSize + " " + objPerSlab + " " + pagesPerSlab;
        }
    }

    private SlabinfoSample() {
    }

    /**
     * Every cache row, in the file's order (newest cache first).
     *
     * @throws AssertionError if the sample is not beside the repository
     */
    static List<Row> rows() {
        // Maven runs a module's tests in the module's directory; the shared folder sits beside the repository.
        Path file = Optional.of(Path.of("../../shared").resolve(FILE)).filter(Files::isRegularFile)
                .or(() -> Optional.of(Path.of("../shared").resolve(FILE)).filter(Files::isRegularFile))
                .orElseThrow(() -> new AssertionError("../../shared/" + FILE + " is absent (from "
                        + Path.of("").toAbsolutePath() + "): the slab geometry is checked against it"));
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            // name active_objs num_objs objsize objperslab pagesperslab : tunables ...
            String[] f = line.trim().split(" +");
            rows.add(new Row(f[0], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5])));
        }
        return rows;
    }
}
