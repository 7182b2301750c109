package org.mmsim.tools.cli;

import java.util.concurrent.Callable;
import org.mmsim.tools.exercise.Exercise;
import org.mmsim.tools.exercise.Exercises;
import org.mmsim.spi.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mm exercise KIND [--seed N] [-c]}: a seeded exercise, and with {@code -c} its answer. */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = "A reproducible exercise on the model: translate (page tables), buddy (the buddy allocator), "
                + "replace (FIFO, LRU, CLOCK or OPT on a reference string), oom (the OOM killer's choice), cache (a CPU "
                + "cache's tags, sets, hits, misses and victims).")
final class ExerciseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KIND", description = "translate, buddy, replace, oom or cache.")
    private String kind;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The exercise's seed (default 1).")
    private long seed;

    @Option(names = "-c", description = "Show the answers too.")
    private boolean answers;

    @Option(names = "--json", description = "Print {kind, seed, question, answer} (the answer only with -c).")
    private boolean json;

    @Mixin
    private PluginPath plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Exercise exercise;
        try {
            exercise = Exercises.generate(kind, seed, plugins.registry());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            var root = Json.object().put("kind", exercise.kind()).put("seed", exercise.seed())
                    .put("question", exercise.question());
            if (answers) {
                root.put("answer", exercise.answer());
            }
            out.print(Json.write(root));
            return 0;
        }
        out.printf("Exercise %s, seed %d%n%n%s", exercise.kind(), exercise.seed(), exercise.question());
        if (answers) {
            out.printf("%nAnswers:%n%s", exercise.answer());
        } else {
            out.printf("%n(./mm exercise %s --seed %d -c shows the answers)%n", exercise.kind(), exercise.seed());
        }
        return 0;
    }
}
