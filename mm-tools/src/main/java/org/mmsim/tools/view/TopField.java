package org.mmsim.tools.view;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The fields of top's task list, in its default order, with the header {@code -o} and the Fields Management screen
 * name them by, the description that screen shows (src/top/top_nls.c's Desc_nlstab) and what sorting by them compares.
 */
public enum TopField {
    PID("PID", "Process Id", Comparator.comparingInt(r -> r.task().pid())),
    USER("USER", "Effective User Name", Comparator.comparing(r -> r.task().user())),
    PR("PR", "Priority", Comparator.comparingInt(r -> Top.priority(r.task()))),
    NI("NI", "Nice Value", Comparator.comparingInt(r -> r.task().nice())),
    VIRT("VIRT", "Virtual Image (KiB)", Comparator.comparingLong(r -> r.task().virtKb())),
    RES("RES", "Resident Size (KiB)", Comparator.comparingLong(r -> r.task().resKb())),
    SHR("SHR", "Shared Memory (KiB)", Comparator.comparingLong(r -> r.task().shrKb())),
    S("S", "Process Status", Comparator.comparingInt(r -> r.task().state())),
    CPU("%CPU", "CPU Usage", Comparator.comparingDouble(Top.Row::cpu)),
    MEM("%MEM", "Memory Usage (RES)", Comparator.comparingLong(r -> r.task().resKb())),
    TIME("TIME+", "CPU Time, hundredths", Comparator.comparingLong(r -> r.task().cpuNanos())),
    COMMAND("COMMAND", "Command Name/Line", Comparator.comparing(r -> r.task().name()));

    private final String header;
    private final String description;
    private final Comparator<Top.Row> key;

    TopField(String header, String description, Comparator<Top.Row> key) {
        this.header = header;
        this.description = description;
        this.key = key;
    }

    /** Its name in the header, in {@code -o} and on the Fields Management screen. */
    public String header() {
        return header;
    }

    /** What the Fields Management screen says it is. */
    public String description() {
        return description;
    }

    /**
     * The rows sorted by this field: highest first, or lowest first when {@code lowestFirst} ({@code -o -FIELD}, top's
     * {@code R}); equal ones in pid order, as top reads them from /proc.
     */
    public Comparator<Top.Row> order(boolean lowestFirst) {
        return (lowestFirst ? key : key.reversed()).thenComparingInt(r -> r.task().pid());
    }

    /**
     * The field {@code -o} names, as top takes it: its header, with {@code +} (highest first, the default) or
     * {@code -} (lowest first) before it.
     *
     * @throws IllegalArgumentException for a name top's task list has not
     */
    public static TopField named(String name) {
        String bare = name.startsWith("+") || name.startsWith("-") ? name.substring(1) : name;
        return Arrays.stream(values()).filter(f -> f.header.equals(bare)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sort field '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(TopField::header).collect(Collectors.joining(", "))
                        + ", with + or - before it for highest or lowest first"));
    }
}
