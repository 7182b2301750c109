package org.mmsim.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.mmutrace.AddressTrace;
import org.mmsim.tools.mmutrace.AddressTraceResult;
import org.mmsim.trace.format.TraceDecoder;
import org.mmsim.trace.plugin.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench trace}: {@code mm trace}'s accesses per second through the whole stack, against reading and
 * parsing the same trace alone, and with cachegrind's caches on against off.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Time reading and parsing an address trace alone, then running it through a fresh machine's "
                + "MMU as mm trace does (boot not timed), without and with cachegrind's caches (mm trace's default "
                + "geometry); print the medians and their ratios.")
final class TraceBench implements Callable<Integer> {
    @Option(names = "--trace", paramLabel = "FILE", description = "The trace (default: ../shared/traces/lackey/ls.lackey.xz).")
    private Path trace;

    @Mixin
    private Rounds rounds = new Rounds(2, 5);

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        rounds.check();
        Path file = trace == null ? BenchCommand.sharedTrace("lackey/ls.lackey.xz") : trace;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such trace; expected --trace FILE (the default needs ../shared/traces next to the repository)");
        }
        long[] accesses = new long[1];
        double[] parse = new double[rounds.runs];
        double[] full = new double[rounds.runs];
        double[] cached = new double[rounds.runs];
        for (int i = -rounds.warmups; i < rounds.runs; i++) {
            long[] count = {0};
            long start = System.nanoTime();
            TraceDecoder.decodeAccesses(file, Optional.empty(), (k, a, n) -> count[0]++);
            double seconds = (System.nanoTime() - start) / 1e9;
            AddressTrace run = new AddressTrace(MachineAssembler.boot(MachineConfig.defaults(),
                    PolicyRegistry.load(Optional.empty())), Optional.empty());
            AddressTraceResult result = run.run(file, Optional.empty());
            SimulatedMachine machine = MachineAssembler.boot(MachineConfig.defaults(), PolicyRegistry.load(Optional.empty()));
            CacheHierarchy caches = machine.cpuCaches().cachegrind(CacheGeometry.parse(TraceCommand.DEFAULT_I1),
                    CacheGeometry.parse(TraceCommand.DEFAULT_D1), CacheGeometry.parse(TraceCommand.DEFAULT_LL));
            AddressTraceResult withCaches = new AddressTrace(machine, Optional.empty(), Optional.of(caches))
                    .run(file, Optional.empty());
            if (i >= 0) {
                parse[i] = seconds;
                full[i] = result.seconds();
                cached[i] = withCaches.seconds();
            }
            accesses[0] = count[0];
        }
        double p = BenchRuns.median(parse);
        double f = BenchRuns.median(full);
        double c = BenchRuns.median(cached);
        BenchReport out = report.open(spec, "trace");
        out.printf(Locale.ROOT, "trace %s: %,d accesses, %d warm-up and %d measured runs, medians%n", file, accesses[0],
                rounds.warmups, rounds.runs);
        out.printf(Locale.ROOT, "read and parse only     %8.3f s  %10s accesses/s%n", p, ReplayCommand.rate(accesses[0] / p));
        out.printf(Locale.ROOT, "mm trace (whole stack)  %8.3f s  %10s accesses/s%n", f, ReplayCommand.rate(accesses[0] / f));
        out.printf(Locale.ROOT, "ratio                   %8.2f%n", f / p);
        out.printf(Locale.ROOT, "mm trace, caches on     %8.3f s  %10s accesses/s%n", c, ReplayCommand.rate(accesses[0] / c));
        out.printf(Locale.ROOT, "caches on / off         %8.2f%n", c / f);
        out.figure("read and parse only", accesses[0] / p, "accesses/s");
        out.figure("mm trace", accesses[0] / f, "accesses/s");
        out.figure("ratio", f / p, "");
        out.figure("mm trace, caches on", accesses[0] / c, "accesses/s");
        out.figure("caches on / off", c / f, "");
        out.finish();
        return 0;
    }
}
