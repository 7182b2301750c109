package org.mmsim.tools.view;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mmsim.api.MachineConfig;

/**
 * The simulated machine's {@code struct utsname} and wall clock: tools print them in their headers. Every machine
 * boots at midnight on the same day, so a run prints the same times whenever it is made.
 */
public final class Uname {
    /** {@code uname -s}. */
    public static final String SYSNAME = "Linux";
    /** {@code uname -r}. */
    public static final String RELEASE = org.mmsim.api.KernelLog.UTS_RELEASE;
    /** {@code uname -n}. */
    public static final String NODENAME = "mmsim";
    private static final LocalDateTime BOOT = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("hh:mm:ss a", Locale.US);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);

    private Uname() {
    }

    /** The boot time in seconds since the epoch, UTC (/proc/stat's {@code btime}). */
    public static long bootEpochSeconds() {
        return BOOT.toEpochSecond(java.time.ZoneOffset.UTC);
    }

    /** {@code uname -m} of the machine. */
    public static String machine(MachineConfig config) {
        return config.arch().unameName();
    }

    /** The machine's wall clock {@code nanos} after boot. */
    public static LocalDateTime wallClock(long nanos) {
        return BOOT.plusNanos(nanos);
    }

    /** The wall-clock time {@code nanos} after boot, as sysstat prints it in an en_US locale ({@code 12:00:01 AM}). */
    public static String clock(long nanos) {
        return BOOT.plusNanos(nanos).format(CLOCK);
    }

    /** The wall-clock time {@code nanos} after boot on a 24-hour clock ({@code 22:02:22}), as top prints it. */
    public static String clock24(long nanos) {
        return BOOT.plusNanos(nanos).format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US));
    }

    /** The date {@code nanos} after boot ({@code 01/01/2026}). */
    public static String date(long nanos) {
        return BOOT.plusNanos(nanos).format(DATE);
    }
}
