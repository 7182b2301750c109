package org.mmsim.tools.view;

import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.TaskInfo;

/**
 * {@code ps -o FIELD,...} (procps-ng's ps/output.c): one row per task, each field in its column — numbers
 * right-aligned, COMMAND last and left-aligned — a field wider than its column pushing the rest right. The fields:
 * pid, ppid, uid, rss and vsz (KiB), maj_flt, min_flt, %mem (RSS over MemTotal) and comm.
 */
public final class Ps {
    /** A field: its header and width. */
    private record Field(String header, int width) {
    }

    private static final Map<String, Field> FIELDS = Map.of(
            "pid", new Field("PID", 5), "ppid", new Field("PPID", 5), "uid", new Field("UID", 5),
            "rss", new Field("RSS", 5), "vsz", new Field("VSZ", 6), "maj_flt", new Field("MAJFL", 6),
            "min_flt", new Field("MINFL", 6), "%mem", new Field("%MEM", 4), "comm", new Field("COMMAND", 0));

    private Ps() {
    }

    /**
     * Checks a field list ({@code pid,rss,comm}).
     *
     * @throws IllegalArgumentException naming an unknown field and the ones there are
     */
    public static List<String> fields(String list) {
        List<String> names = List.of(list.split(","));
        for (String name : names) {
            if (!FIELDS.containsKey(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; expected some of "
                        + "pid, ppid, uid, rss, vsz, maj_flt, min_flt, %mem, comm");
            }
        }
        return names;
    }

    /** The report of {@code tasks} with {@code fields}, on a machine of {@code memTotalKb}. */
    public static String render(List<TaskInfo> tasks, List<String> fields, long memTotalKb) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Field f = FIELDS.get(fields.get(i));
            out.append(i == 0 ? "" : " ").append(f.width() == 0 ? f.header() : pad(f.header(), f.width()));
        }
        out.append('\n');
        for (TaskInfo task : tasks) {
            for (int i = 0; i < fields.size(); i++) {
                Field f = FIELDS.get(fields.get(i));
                String value = value(task, fields.get(i), memTotalKb);
                out.append(i == 0 ? "" : " ").append(f.width() == 0 ? value : pad(value, f.width()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String pad(String value, int width) {
        return String.format("%" + width + "s", value);
    }

    private static String value(TaskInfo task, String field, long memTotalKb) {
        long rssKb = task.counters().rss() * 4;
        switch (field) {
            case "pid":
                return Integer.toString(task.pid());
            case "ppid":
                return Integer.toString(task.ppid());
            case "uid":
                return Integer.toString(task.uid());
            case "rss":
                return Long.toString(rssKb);
            case "vsz":
                return Long.toString(task.counters().totalVm() * 4);
            case "maj_flt":
                return Long.toString(task.majFlt());
            case "min_flt":
                return Long.toString(task.minFlt());
            case "%mem":
                // pr_pmem(): permille of RSS over MemTotal, one decimal.
                long permille = memTotalKb == 0 ? 0 : rssKb * 1000 / memTotalKb;
                return (permille / 10) + "." + (permille % 10);
            default:
                // The kernel keeps TASK_COMM_LEN − 1 characters of a program's name; a kernel thread's whole name
                // (its full_name, or a workqueue worker's description) is what /proc/PID/stat shows of it.
                return task.name().length() > 15 && !task.kernelThread() ? task.name().substring(0, 15) : task.name();
        }
    }
}
