package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.view.ProcTask;
import org.mmsim.tools.view.Ps;

/**
 * {@code ps}, with procps's selections and formats: every task ({@code -e}, {@code -A}, {@code ax}), the tasks of
 * {@code -p}, or by default the caller's user's tasks on the caller's terminal; the fields of {@code -o}, or the
 * formats of {@code -f} ({@code ps -ef}), {@code u} ({@code ps aux}) and the defaults. A scenario runs ps as root with
 * no terminal, and no task has one: so the default selects every task, and BSD letters without {@code x} select none
 * ({@code ps u} prints its header only, as on a real machine without a terminal).
 */
final class PsVerb {
    static final String USAGE = "ps [-e] [-f | -o FIELD,...] [-p PID,...] | ps [a][u][x] [-p PID,...] (ps -ef, ps aux, "
            + "ps -eo pid,rss,comm; a PID or a NAME from spawn or fork)";

    private PsVerb() {
    }

    static Verb verb(ProcFiles files) {
        return Verb.plain("ps", USAGE, "the tasks with the fields asked, as procps's ps prints them",
                (line, usage) -> ps(files, line, usage));
    }

    /** The words of each {@code -p PID,...}, in order; an error for an empty one. */
    static List<String> pidWords(ScenarioLine line, List<String> lists) {
        List<String> words = new ArrayList<>();
        lists.forEach(list -> words.addAll(List.of(list.split(",", -1))));
        if (words.contains("")) {
            throw line.error("'-p " + String.join(",", lists) + "'; expected -p PID,... (pids or NAMEs)");
        }
        return words;
    }

    /** The pids {@link #pidWords} name: numbers as they are, NAMEs from spawn or fork as their processes' pids. */
    static List<Integer> pids(Session session, List<String> words) {
        List<Integer> pids = new ArrayList<>();
        for (String who : words) {
            pids.add(who.matches("[0-9]{1,9}") ? Integer.parseInt(who) : ProcessNames.pidOf(session, who));
        }
        return pids;
    }

    private static Step ps(ProcFiles files, ScenarioLine line, String usage) {
        PsOptions options = ToolOptions.parse(line, usage, new PsOptions());
        String bsd = String.join("", options.bsd);
        for (char letter : bsd.toCharArray()) {
            if ("aux".indexOf(letter) < 0) {
                throw line.error("BSD option '" + letter + "' in '" + String.join(" ", options.bsd)
                        + "'; expected a, u or x (ps aux)");
            }
        }
        boolean user = bsd.indexOf('u') >= 0;
        if ((options.full ? 1 : 0) + (options.formats.isEmpty() ? 0 : 1) + (user ? 1 : 0) > 1) {
            throw line.error("'" + String.join(" ", line.words()) + "': conflicting format options; expected one of "
                    + "-f, -o and u");
        }
        List<String> fields;
        try {
            fields = !options.formats.isEmpty() ? Ps.fields(String.join(",", options.formats))
                    : (options.full ? Ps.Format.FULL : user ? Ps.Format.USER : bsd.isEmpty() ? Ps.Format.DEFAULT
                            : Ps.Format.BSD).fields();
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        List<String> pids = pidWords(line, options.pids);
        // Selections add up, as in procps: -e, and x (root's tasks, with or without a terminal), take every task, as
        // does no selection at all (root's tasks without a terminal, like ps itself); -p adds its tasks; a and u alone
        // (tasks with a terminal) add none.
        boolean all = options.everyTask || bsd.indexOf('x') >= 0 || pids.isEmpty() && bsd.isEmpty();
        return session -> {
            List<Integer> chosen = pids(session, pids);
            List<ProcTask> tasks = new ArrayList<>();
            for (ProcTask t : ViewVerbs.everyTask(session)) {
                if (all || chosen.contains(t.pid())) {
                    tasks.add(t);
                }
            }
            session.print(Ps.render(tasks, fields, new Ps.Moment(session.machine().clock().nanos(),
                    ViewVerbs.meminfo(files, session).get("MemTotal"))));
        };
    }
}
