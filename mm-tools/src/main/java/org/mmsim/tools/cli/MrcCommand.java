package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.IoErrors;
import org.mmsim.tools.plot.MissRatioPlot;
import org.mmsim.trace.mrc.StackDistances;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.format.TraceDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm mrc}: the LRU miss-ratio curve of a trace for every cache size in one pass, exact or sampled (SHARDS); a
 * table at chosen sizes, and the whole curve as CSV and as an SVG or PNG plot.
 */
@Command(name = "mrc", mixinStandardHelpOptions = true,
        description = "The exact LRU miss ratio of every cache size in one pass over a trace (Mattson stack distances), "
                + "or an estimate from a spatially hashed sample (SHARDS).")
final class MrcCommand implements Callable<Integer> {
    @Mixin
    private TraceArguments trace;

    /**
     * The sampled keys under which a SHARDS curve is only a sketch: each sampled key stands for 1/R keys, so a few
     * hundred leave whole stretches of the curve resting on a handful of distances.
     */
    private static final long MEANINGFUL_SAMPLE = 1000;

    @Option(names = "--sample", paramLabel = "R", defaultValue = "1",
            description = "Follow this share of the keys, as SHARDS does (default 1: exact), such as 0.01.")
    private double sample;

    @Option(names = {"--capacity", "--capacities"}, split = ",", paramLabel = "N",
            defaultValue = "1%,2%,5%,10%,20%,50%,100%",
            description = "Sizes for the table: pages, or N%% of the distinct keys (default 1%%,2%%,5%%,10%%,20%%,50%%,100%%).")
    private List<String> capacities;

    @Mixin
    private CurveOutputs outputs;

    @Option(names = "--json", description = "Print {trace, requests, distinctKeys, sampleRate, points: [{capacity, missRatio}]}.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        StackDistances distances;
        try {
            distances = new StackDistances(sample);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--sample " + sample + ": " + e.getMessage(), e);
        }
        List<Capacity> sizes = Capacity.parseAll(capacities, "--capacity");
        if (outputs.plot != null) {
            checkPlot(outputs.plot);
        }
        TraceDecoder.decode(trace.trace, trace.options(), distances);
        checkSample(distances);
        double[] ratios = distances.missRatios();
        long distinct = distances.distinctKeys();
        for (Capacity size : sizes) {
            int pages = size.resolve(distinct);
            if (pages > ratios.length - 1) {
                warn(String.format(Locale.ROOT, "capacity %d is over the %,d distinct keys; its miss ratio is that of "
                        + "%,d, as only cold misses are left", pages, ratios.length - 1, ratios.length - 1));
            }
        }
        if (outputs.csv != null) {
            StringBuilder text = new StringBuilder("capacity,miss_ratio\n");
            for (int c = 1; c < ratios.length; c++) {
                text.append(c).append(',').append(String.format(Locale.ROOT, "%.6f", ratios[c])).append('\n');
            }
            write(outputs.csv, text.toString());
        }
        if (outputs.plot != null) {
            double[] x = new double[ratios.length];
            for (int c = 0; c < x.length; c++) {
                x[c] = c;
            }
            String name = sample == 1 ? "LRU (exact)" : String.format(Locale.ROOT, "LRU (SHARDS, R=%s)", sample);
            MissRatioPlot chart = new MissRatioPlot("LRU miss-ratio curve of " + trace.trace.getFileName(), outputs.logX)
                    .add(new MissRatioPlot.Series(name, x, ratios));
            writePlot(outputs.plot, chart::svg, chart::png);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object().put("trace", trace.trace.toString()).put("requests", distances.requests())
                    .put("distinctKeys", distinct).put("sampleRate", sample);
            ArrayNode points = root.putArray("points");
            for (Capacity size : sizes) {
                int pages = size.resolve(distinct);
                points.addObject().put("capacity", pages).put("missRatio", at(ratios, pages));
            }
            out.print(Json.write(root));
            return 0;
        }
        out.printf(Locale.ROOT, "trace %s: %,d requests, %,d distinct keys (%s)%n", trace.trace, distances.requests(),
                distinct, sample == 1 ? "exact LRU stack distances" : "SHARDS sample of " + sample + " of the keys");
        out.printf("%16s  %10s%n", "capacity", "miss ratio");
        for (Capacity size : sizes) {
            int pages = size.resolve(distinct);
            out.printf(Locale.ROOT, "%16s  %10.4f%n", size.isRelative() ? size.text() + " = " + pages : Integer.toString(pages),
                    at(ratios, pages));
        }
        return 0;
    }

    /**
     * A sample too small for a curve: none is bad input (every miss ratio would be 1), a few a warning, since the
     * scaled distances of a few keys say little about the rest.
     */
    private void checkSample(StackDistances distances) {
        if (sample == 1 || distances.requests() == 0) {
            return;
        }
        long keys = distances.sampledKeys();
        if (keys == 0) {
            throw new BadInputException("--sample " + sample + ": no key of the trace was sampled; expected a larger rate");
        }
        if (keys < MEANINGFUL_SAMPLE) {
            warn(String.format(Locale.ROOT, "--sample %s followed only %,d keys; a curve from fewer than %,d is rough "
                    + "(a larger rate gives a truer one)", sample, keys, MEANINGFUL_SAMPLE));
        }
    }

    private void warn(String message) {
        spec.commandLine().getErr().println("mm: warning: " + message);
    }

    /** The miss ratio at {@code pages}: beyond the distinct keys, only cold misses remain. */
    private static double at(double[] ratios, int pages) {
        return ratios[Math.min(pages, ratios.length - 1)];
    }

    /** Checks a plot's file name: SVG or PNG, by its extension. */
    static void checkPlot(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new BadInputException("--plot " + file + ": expected an .svg or .png file");
        }
    }

    /** Writes a plot as SVG or PNG, by the file's extension. */
    static void writePlot(Path file, java.util.function.Supplier<String> svg, java.util.function.Supplier<byte[]> png) {
        checkPlot(file);
        write(file, file.getFileName().toString().endsWith(".svg") ? svg.get().getBytes(StandardCharsets.UTF_8) : png.get());
    }

    /** Writes an output file as UTF-8. */
    static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes an output file; one that cannot be written is bad input (a wrong path), not a crash. */
    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
