package org.mmsim.bench;

import java.util.List;
import java.util.Locale;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.units.Sizes;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Heap bytes per simulated 4 KiB frame: machines of several sizes, booted one at a time, each machine's whole object
 * graph measured by JOL ({@code GraphLayout.parseInstance(machine).totalSize()}: every object reachable from it, by
 * its layout in this JVM) and divided by its frames. No GC timing enters the figure.
 *
 * <pre>java -Xmx8g -cp mm-bench/target/benchmarks.jar org.mmsim.bench.HeapPerFrame [SIZE...]   (default 1G 16G 64G 256G)</pre>
 *
 * A size that would not fit in the heap at 16 bytes a frame is skipped with a note.
 */
public final class HeapPerFrame {
    private static final List<String> DEFAULT_SIZES = List.of("1G", "16G", "64G", "256G");

    private HeapPerFrame() {
    }

    public static void main(String[] args) {
        // JOL reads fields through Unsafe, whose offsets Java 17 refuses for records: JOL then finds them by its "magic
        // field offset". Both are set here, before JOL starts, so no JVM flag is needed; a self-attach is not tried.
        System.setProperty("jol.magicFieldOffset", "true");
        System.setProperty("jol.skipDynamicAttach", "true");
        List<String> sizes = args.length == 0 ? DEFAULT_SIZES : List.of(args);
        // JOL starts first, so that its note on this JVM (no instrumentation: none is needed) comes before the table.
        VM.current();
        long heap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "%-8s  %12s  %14s  %16s%n", "ram", "frames", "heap bytes", "heap bytes/frame");
        for (String size : sizes) {
            long bytes = Sizes.parse(size);
            long frames = bytes / MachineConfig.PAGE_SIZE;
            // About 12 bytes a frame, and room for the rest of the machine and for JOL's walk: 16 bytes a frame.
            if (frames * 16 > heap) {
                System.out.printf(Locale.ROOT, "%-8s  %12d  skipped: needs more than %d MiB of heap (give -Xmx)%n",
                        size, frames, heap >> 20);
                continue;
            }
            Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(bytes).build());
            long total = GraphLayout.parseInstance(machine).totalSize();
            frames = machine.config().ramPages();
            System.out.printf(Locale.ROOT, "%-8s  %12d  %14d  %16.2f%n", size, frames, total, (double) total / frames);
        }
    }
}
