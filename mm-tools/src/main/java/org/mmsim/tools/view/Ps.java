package org.mmsim.tools.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ps} (procps-ng 4's src/ps): one row per task, the fields of {@code -o} or of a format the options name, each in
 * its column of {@link PsColumns} — numbers right-aligned, text left, the command last and whole — laid out as
 * show_one_proc() (src/ps/output.c) lays them: a value wider than its column pushes the rest right, and the columns
 * after it give back what padding they have until the line is in step again.
 */
public final class Ps {
    /** The clock ticks per second /proc/PID/stat counts in. */
    static final long USER_HZ = 100;

    /** The formats options name, as src/ps/sortformat.c builds them for Linux. */
    public enum Format {
        /** {@code ps}: generate_sysv_list() with no flag. */
        DEFAULT("pid,tname,time,ucmd"),
        /** {@code ps -f}: generate_sysv_list() with FF_Uf. */
        FULL("uid_hack,pid,ppid,c,stime,tname,time,cmd"),
        /** {@code ps u} (and {@code ps aux}): OL_u. */
        USER("user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args"),
        /** {@code ps ax} and other BSD selections without a format: generate_sysv_list() preferring BSD's defaults. */
        BSD("pid,tname,stat,bsdtime,args");

        private final List<String> fields;

        Format(String fields) {
            this.fields = List.of(fields.split(","));
        }

        /** Its fields. */
        public List<String> fields() {
            return fields;
        }
    }

    /** What a row is read against: the machine's uptime and MemTotal. */
    public record Moment(long nowNanos, long memTotalKb) {
    }

    private Ps() {
    }

    /**
     * Checks a field list ({@code pid,rss,comm}).
     *
     * @throws IllegalArgumentException naming an unknown field and the ones there are
     */
    public static List<String> fields(String list) {
        List<String> names = List.of(list.split(",", -1));
        for (String name : names) {
            if (!PsColumns.ALL.containsKey(name) || name.equals("uid_hack")) {
                List<String> known = new ArrayList<>(PsColumns.ALL.keySet());
                known.remove("uid_hack");
                throw new IllegalArgumentException("unknown field '" + name + "'; expected some of "
                        + String.join(", ", known));
            }
        }
        return names;
    }

    /** The report of {@code tasks} with {@code fields}: a header, then a row per task. */
    public static String render(List<ProcTask> tasks, List<String> fields, Moment moment) {
        List<PsColumns.Column> columns = fields.stream().map(PsColumns.ALL::get).toList();
        StringBuilder out = new StringBuilder(line(columns, PsColumns.Column::header));
        for (ProcTask task : tasks) {
            out.append(line(columns, c -> c.value().apply(task, moment)));
        }
        return out.toString();
    }

    /**
     * One line as show_one_proc() writes it: {@code correct} is where a column should start, {@code actual} where the
     * line has got to; a column is padded to start at {@code correct} (right-aligned ones to end at its width), with at
     * least one space after the first.
     */
    private static String line(List<PsColumns.Column> columns, Function<PsColumns.Column, String> text) {
        StringBuilder out = new StringBuilder();
        int correct = 0;
        int actual = 0;
        for (int i = 0; i < columns.size(); i++) {
            PsColumns.Column column = columns.get(i);
            String value = text.apply(column);
            // A user name is left-aligned: procps pads it on the left only when it prints numbers (ps n).
            int leftpad = column.align() == PsColumns.Align.RIGHT ? Math.max(0, column.width() - value.length()) : 0;
            int space = correct - actual + leftpad;
            if (space < 1) {
                space = i == 0 ? 0 : 1;
            }
            out.append(" ".repeat(space)).append(value);
            actual += space + value.length();
            correct += column.width() + 1;
        }
        return out.append('\n').toString();
    }
}
