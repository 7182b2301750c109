package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * A benchmark's output: its lines of text, or with {@code --json} one object {@code {benchmark, figures: [{name,
 * value, unit}]}} of the figures it measured.
 */
final class BenchReport {
    @Option(names = "--json", description = "Print {benchmark, figures: [{name, value, unit}]} instead of the text.")
    private boolean json;

    private PrintWriter out;
    private ObjectNode root;
    private ArrayNode figures;

    /** Starts the report of benchmark {@code name} on the command's output. */
    BenchReport open(CommandSpec spec, String name) {
        out = spec.commandLine().getOut();
        root = Json.object().put("benchmark", name);
        figures = root.putArray("figures");
        return this;
    }

    void printf(Locale locale, String format, Object... args) {
        if (!json) {
            out.printf(locale, format, args);
        }
    }

    void printf(String format, Object... args) {
        printf(Locale.ROOT, format, args);
    }

    void flush() {
        out.flush();
    }

    /** Records one figure, such as {@code ("mixed orders alloc+free", 1.4e7, "pairs/s")}. */
    void figure(String name, double value, String unit) {
        figures.addObject().put("name", name).put("value", value).put("unit", unit);
    }

    /** Ends the report: with --json, prints the figures. */
    void finish() {
        if (json) {
            out.print(Json.write(root));
        }
        out.flush();
    }
}
