package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.MemoryHierarchy;
import org.mmsim.api.physical.PerfCounts;
import org.mmsim.tools.view.PerfStat;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheLevelStats;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.mmutrace.CachegrindSummary;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.tools.mmutrace.AddressTrace;
import org.mmsim.tools.mmutrace.AddressTraceResult;
import org.mmsim.tools.scenario.MachineOptions;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.plugin.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mm trace}: a real program's memory accesses through one process's MMU on a simulated machine. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Drive one process's MMU with an address trace (valgrind lackey's I/L/S/M lines, or the address "
                + "format): TLB lookups, page walks and demand faults, counted.")
final class TraceCommand implements Callable<Integer> {
    // What valgrind 3.19's cachegrind chose on the machine the reference figures were made on (docs/FIDELITY.md): its
    // CPUID gave 32 KiB 8-way L1s and an LL whose set count was not a power of two, which cachegrind made a 256 MiB
    // direct-mapped one.
    static final String DEFAULT_I1 = "32768,8,64";
    static final String DEFAULT_D1 = "32768,8,64";
    static final String DEFAULT_LL = "268435456,1,64";

    @Parameters(index = "0", paramLabel = "FILE", converter = TraceArguments.TracePath.class,
            description = "The trace (- for standard input); gzip, xz and zstd are recognised by their magic bytes.")
    private Path trace;

    @Option(names = "--format", paramLabel = "F", description = "lackey or address (detected when left out).")
    private String format;

    @Option(names = "--machine", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Machine settings, as on a scenario's machine line: arch, ram, swap, nodes, cpus, levels, thp, seed.")
    private Map<String, String> machine = new LinkedHashMap<>();

    @Option(names = "--maps", paramLabel = "FILE",
            description = "A /proc/PID/maps listing to map; an access outside it is a SIGSEGV. Without it the process "
                    + "maps whatever it touches as demand-zero anonymous memory.")
    private Path maps;

    @Option(names = "--caches", paramLabel = "MODEL",
            description = "Run every access through CPU caches too: cachegrind (valgrind 3.19's model: I1, D1 and LL, "
                    + "at the trace's addresses) prints cachegrind's summary. Off when left out.")
    private String caches;

    @Option(names = "--I1", paramLabel = "SIZE,WAYS,LINE",
            description = "cachegrind's I1 in bytes (default " + DEFAULT_I1 + ", what cachegrind 3.19 picks on the reference machine).")
    private String i1;

    @Option(names = "--D1", paramLabel = "SIZE,WAYS,LINE", description = "cachegrind's D1 (default " + DEFAULT_D1 + ").")
    private String d1;

    @Option(names = "--LL", paramLabel = "SIZE,WAYS,LINE", description = "cachegrind's LL (default " + DEFAULT_LL + ").")
    private String ll;

    @Option(names = "--perf-stat", description = "After the summary, perf stat's report of the run: the machine's cycles, "
            + "instructions (the trace's instruction fetches), L1-dcache and LLC loads and misses, dTLB loads and misses "
            + "and page faults, every access through the machine's caches at its physical address.")
    private boolean perfStat;

    @Option(names = "--json", description = "Print one JSON object: accesses, distinctPages, minorFaults, majorFaults, "
            + "pageWalks, tlb (hits and misses per level) and more.")
    private boolean json;

    @Mixin
    private PluginPath plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Optional<TraceFormat> chosen = Optional.ofNullable(format).map(TraceArguments::format);
        MachineConfig.Builder builder = MachineConfig.builder();
        PolicyRegistry registry = plugins.registry();
        MachineOptions.applyOption(builder, machine, registry);
        SimulatedMachine booted = MachineAssembler.boot(builder.build(), registry);
        AddressTrace run = new AddressTrace(booted, Optional.ofNullable(maps), cacheHierarchy(booted));
        MemoryHierarchy memory = booted.memoryHierarchy();
        PerfCounts before = memory.counts(0);
        long nanos = memory.nanos(0);
        AddressTraceResult result = run.run(trace, chosen);
        spec.commandLine().getOut().print(json ? Json.write(json(trace, result)) : text(trace, result));
        if (perfStat) {
            // The trace's time is its accesses' on CPU 0: the task clock, the user time and the time elapsed.
            long ran = memory.nanos(0) - nanos;
            TlbStats t = result.tlb();
            PerfStat.Sample sample = new PerfStat.Sample(ran, 0, 0, result.minorFaults() + result.majorFaults(),
                    result.majorFaults(), memory.counts(0).since(before), run.fetches(),
                    t.dataL1Hits() + t.dataL2Hits() + t.dataMisses(), t.dataMisses(), ran, ran, 0);
            spec.commandLine().getOut().print(PerfStat.report(trace.toString(), PerfStat.TRACE_EVENTS, sample));
        }
        return 0;
    }

    private Optional<CacheHierarchy> cacheHierarchy(SimulatedMachine machine) {
        if (caches == null || caches.equals("off")) {
            if (i1 != null || d1 != null || ll != null) {
                throw new BadInputException("--I1, --D1 and --LL set cachegrind's caches; expected them with --caches cachegrind");
            }
            return Optional.empty();
        }
        if (!caches.equals("cachegrind")) {
            throw new BadInputException("--caches " + caches + ": unknown cache model; expected cachegrind or off");
        }
        return Optional.of(machine.cpuCaches().cachegrind(geometry("--I1", i1, DEFAULT_I1),
                geometry("--D1", d1, DEFAULT_D1), geometry("--LL", ll, DEFAULT_LL)));
    }

    private static CacheGeometry geometry(String option, String value, String otherwise) {
        try {
            return CacheGeometry.parse(value == null ? otherwise : value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode json(Path trace, AddressTraceResult r) {
        ObjectNode root = Json.object()
                .put("trace", trace.toString())
                .put("format", r.format().cliName())
                .put("accesses", r.accesses())
                .put("pageTouches", r.pageTouches())
                .put("distinctPages", r.distinctPages())
                .put("minorFaults", r.minorFaults())
                .put("majorFaults", r.majorFaults())
                .put("segfaults", r.segfaults())
                .put("pageWalks", r.tlb().walks())
                .put("walkSteps", r.tlb().walkSteps());
        TlbStats t = r.tlb();
        ObjectNode tlb = root.putObject("tlb");
        level(tlb, "l1d", t.dataL1Hits(), t.dataL2Hits() + t.dataMisses());
        level(tlb, "l1i", t.instructionL1Hits(), t.instructionL2Hits() + t.instructionMisses());
        level(tlb, "stlb", t.dataL2Hits() + t.instructionL2Hits(), t.dataMisses() + t.instructionMisses());
        if (!r.caches().isEmpty()) {
            ObjectNode caches = root.putObject("caches");
            for (CacheLevelStats level : r.caches()) {
                caches.putObject(level.name()).put("fetches", level.fetches()).put("fetchMisses", level.fetchMisses())
                        .put("reads", level.reads()).put("readMisses", level.readMisses())
                        .put("writes", level.writes()).put("writeMisses", level.writeMisses());
            }
        }
        return root.put("vmHwmKb", r.vmHwmKb())
                .put("seconds", r.seconds())
                .put("accessesPerSecond", r.accessesPerSecond());
    }

    private static void level(ObjectNode tlb, String name, long hits, long misses) {
        tlb.putObject(name).put("hits", hits).put("misses", misses);
    }

    private static String text(Path trace, AddressTraceResult r) {
        TlbStats t = r.tlb();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "trace %s (%s): %,d accesses, %,d distinct pages%n", trace,
                r.format().cliName(), r.accesses(), r.distinctPages()));
        text.append(String.format(Locale.ROOT, "faults: %,d minor, %,d major", r.minorFaults(), r.majorFaults()));
        if (r.segfaults() > 0) {
            text.append(String.format(Locale.ROOT, ", %,d SIGSEGV (first at %#x)", r.segfaults(), r.firstSegfault()));
        }
        text.append(String.format(Locale.ROOT, "%npage walks: %,d (%,d entries read)%n", t.walks(), t.walkSteps()));
        text.append(String.format(Locale.ROOT, "%-8s %14s %14s %14s %9s%n", "tlb", "lookups", "hits", "misses", "hit ratio"));
        row(text, "L1 dTLB", t.dataL1Hits(), t.dataL2Hits() + t.dataMisses());
        row(text, "L1 iTLB", t.instructionL1Hits(), t.instructionL2Hits() + t.instructionMisses());
        row(text, "STLB", t.dataL2Hits() + t.instructionL2Hits(), t.dataMisses() + t.instructionMisses());
        text.append(String.format(Locale.ROOT, "VmHWM %,d kB; %.3f s, %s accesses/s%n", r.vmHwmKb(), r.seconds(),
                ReplayCommand.rate(r.accessesPerSecond())));
        if (!r.caches().isEmpty()) {
            text.append(String.format("%n")).append(CachegrindSummary.format(r.caches()));
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String level, long hits, long misses) {
        long lookups = hits + misses;
        text.append(String.format(Locale.ROOT, "%-8s %14d %14d %14d %9.4f%n", level, lookups, hits, misses,
                lookups == 0 ? 0.0 : (double) hits / lookups));
    }
}
