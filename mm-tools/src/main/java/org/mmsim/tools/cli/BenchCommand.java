package org.mmsim.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench}: whole-command benchmarks whose figures docs/PERFORMANCE.md records, one class per subcommand;
 * {@link BenchRuns} runs and takes medians, {@link BenchReport} prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {ReplayBench.class, AllocBench.class, TraceBench.class, MmuBench.class, KmallocBench.class,
            PageCacheBench.class, ReclaimBench.class, CompareBench.class, ScenarioBench.class})
final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The key trace a replay benchmark reads: {@code --trace}, or w106 of the shared trace set. */
    static Path replayTrace(Path trace) {
        Path file = trace == null ? sharedTrace("binary/w106.trace.xz") : trace;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such trace; expected --trace FILE (the default needs ../shared/traces next to the repository)");
        }
        return file;
    }

    /** How to read it: {@code --format}, u32be for w106, else detected. */
    static TraceOptions replayOptions(Path trace, String format) {
        return format != null ? TraceOptions.of(TraceArguments.format(format))
                : trace == null ? TraceOptions.of(TraceFormat.U32BE) : TraceOptions.detect();
    }

    /** A trace of the shared trace set, next to the repository (../shared/traces). */
    static Path sharedTrace(String relative) {
        String home = System.getenv("MM_HOME");
        return Path.of(home == null ? "." : home).resolve("../shared/traces").resolve(relative).normalize();
    }
}
