package org.mmsim.tools.scenario;

/**
 * A tool that makes a report every DELAY seconds of simulated time, COUNT times, the scenario's loops running between
 * — {@code vmstat DELAY COUNT}, {@code free -s N -c M}, {@code top -b -n N}, {@code watch} on a pipe. With a count, the
 * line prints its reports at once, as any line does. Without one, in {@code ./mm shell}, the tool runs until Ctrl-C:
 * each report is shown as it is made, and the wall clock waits DELAY seconds too, as the real tool would between two.
 * Ctrl-C stops a tool with a count as well, keeping the reports made so far.
 */
final class Reports {
    /** The reports to make until Ctrl-C. */
    static final long UNTIL_STOPPED = 0;

    /** The report numbered {@code index}, from 0: the first is made before any time passes. */
    @FunctionalInterface
    interface Report {
        String make(long index);
    }

    private Reports() {
    }

    /**
     * Makes {@code count} reports ({@link #UNTIL_STOPPED}: until Ctrl-C, on the shell's terminal) {@code delayNanos}
     * apart.
     */
    static void repeat(Session session, long count, long delayNanos, Report report) {
        Tty live = count == UNTIL_STOPPED ? session.tty().orElseThrow() : null;
        StringBuilder text = new StringBuilder();
        for (long i = 0; (count == UNTIL_STOPPED || i < count) && !session.interrupted(); i++) {
            if (i > 0) {
                if (live != null) {
                    live.pause(delayNanos / 1_000_000);
                }
                session.pass(delayNanos);
                if (session.interrupted()) {
                    break;
                }
            }
            String made = report.make(i);
            if (live != null) {
                live.print(made);
            } else {
                text.append(made);
            }
        }
        session.print(text.toString());
    }

    /**
     * An error unless the line runs in the shell, where a tool can run until Ctrl-C: a scenario must say how many
     * reports.
     *
     * @param form what the tool would need, such as {@code "DELAY COUNT, such as vmstat 1 5"}
     */
    static void checkStoppable(Session session, String tool, String form) {
        if (session.tty().isEmpty()) {
            throw session.line().error(tool + " would run until interrupted (Ctrl-C in ./mm shell); expected " + form);
        }
        session.lineClock().screenTaken();
    }
}
