package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.trace.plugin.Registered;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mm plugins}: lists every replacement and OOM policy, built in or from {@code --plugin-path}. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the replacement and OOM policies: built in, and those in --plugin-path jars.")
final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array of {kind, name, description, source, parameters}.")
    private boolean json;

    @picocli.CommandLine.Mixin
    private PluginPath plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<Registered<?>> all = plugins.registry().all();
        spec.commandLine().getOut().print(json ? json(all) : table(all));
        return 0;
    }

    private static String json(List<Registered<?>> all) {
        ArrayNode array = Json.array();
        for (Registered<?> r : all) {
            ObjectNode entry = array.addObject()
                    .put("kind", r.kind())
                    .put("name", r.provider().name())
                    .put("description", r.provider().description())
                    .put("source", r.source());
            ArrayNode parameters = entry.putArray("parameters");
            for (PolicyParameter p : r.parameters()) {
                ObjectNode parameter = parameters.addObject()
                        .put("name", p.name())
                        .put("type", p.type().name().toLowerCase(java.util.Locale.ROOT))
                        .put("default", p.defaultValue())
                        .put("description", p.description());
                if (p.type() != org.mmsim.spi.ParameterType.BOOLEAN) {
                    parameter.put("min", p.min()).put("max", p.max());
                }
            }
        }
        return Json.write(array);
    }

    private static String table(List<Registered<?>> all) {
        int nameWidth = "NAME".length();
        int sourceWidth = "SOURCE".length();
        for (Registered<?> r : all) {
            nameWidth = Math.max(nameWidth, r.provider().name().length());
            sourceWidth = Math.max(sourceWidth, r.source().length());
        }
        String row = "%-11s  %-" + nameWidth + "s  %-" + sourceWidth + "s  %s%n";
        StringBuilder text = new StringBuilder(String.format(row, "KIND", "NAME", "SOURCE", "DESCRIPTION"));
        for (Registered<?> r : all) {
            text.append(String.format(row, r.kind(), r.provider().name(), r.source(), r.provider().description()));
            for (PolicyParameter p : r.parameters()) {
                text.append(String.format("%-11s  %" + nameWidth + "s  :%s=%s  %s%n", "", "", p.name(), p.defaultValue(),
                        p.description()));
            }
        }
        return text.toString();
    }
}
