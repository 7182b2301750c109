package org.mmsim.tools.scenario;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options of a procps or sysstat tool a scenario line runs, an {@code @Command} object picocli fills in as
 * getopt(3) would: short options, clustered or not ({@code -bn1}), a value attached or the next word, the last of a
 * repeated option winning, {@code --} ending the options. What picocli refuses is the line's one error, naming what it
 * found and expecting the verb's usage; what the values mean the verb checks.
 */
interface ToolOptions {
    /** How an error names {@code arg}, an option the tool does not have: as the word it is. */
    default String unknownOption(String arg) {
        return "'" + arg + "'";
    }

    /** Whether the options end at the first word that is not one, the rest being a command (getopt's "+"). */
    default boolean endsAtCommand() {
        return false;
    }

    /** Fills in {@code options} from the words after the tool's name; an error expects {@code usage}. */
    static <T extends ToolOptions> T parse(ScenarioLine line, String usage, T options) {
        // A scenario's words are the arguments: none names a file of more (@FILE) or is checked twice.
        CommandLine commandLine = new CommandLine(options).setExpandAtFiles(false).setOverwrittenOptionsAllowed(true)
                .setStopAtPositional(options.endsAtCommand());
        try {
            commandLine.parseArgs(line.words().subList(1, line.words().size()).toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            String arg = e.getUnmatched().get(0);
            throw line.error((e.isUnknownOption() ? options.unknownOption(arg) : "'" + arg + "'") + "; expected " + usage);
        } catch (MissingParameterException e) {
            ArgSpec missing = e.getMissing().get(0);
            String option = missing instanceof OptionSpec given ? " " + given.shortestName() : "";
            throw line.error(line.verb() + option + " needs " + missing.paramLabel() + "; expected " + usage);
        } catch (ParameterException e) {
            throw line.error(e.getMessage() + "; expected " + usage);
        }
        return options;
    }
}
