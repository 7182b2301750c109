package org.mmsim.tools.scenario;

import org.mmsim.tools.view.Free;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code free [-b|-k|-m|-g|-h] [-w] [-s N] [-c M]}: as in procps's free, the last unit given wins; the numbers as
 * words, which the verb checks.
 */
@Command(name = "free")
final class FreeOptions implements ToolOptions {
    Free.Unit unit = Free.Unit.KIBI;

    @Option(names = "-w")
    boolean wide;

    @Option(names = "-s", paramLabel = "N")
    String seconds;

    @Option(names = "-c", paramLabel = "M")
    String count;

    @Option(names = "-b")
    private void bytes(boolean given) {
        unit = Free.Unit.BYTES;
    }

    @Option(names = "-k")
    private void kibibytes(boolean given) {
        unit = Free.Unit.KIBI;
    }

    @Option(names = "-m")
    private void mebibytes(boolean given) {
        unit = Free.Unit.MEBI;
    }

    @Option(names = "-g")
    private void gibibytes(boolean given) {
        unit = Free.Unit.GIBI;
    }

    @Option(names = "-h")
    private void human(boolean given) {
        unit = Free.Unit.HUMAN;
    }

    /** The letter, as free's own loop over a cluster of letters said it. */
    @Override
    public String unknownOption(String arg) {
        return "option '-" + arg.charAt(1) + "'";
    }
}
