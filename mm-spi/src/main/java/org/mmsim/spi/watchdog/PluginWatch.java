package org.mmsim.spi.watchdog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.PluginFailureException;

/**
 * One simulation's side of the plugin watchdog: a progress count its thread moves on as it comes back from its
 * plugins, the plugins it calls, and where it is. A watcher ({@link PluginWatchdog}) reads the count a few times a
 * second; when it has not moved for the budget and the simulating thread's stack is inside one of the plugins, that
 * plugin has run away, and the failure names it, the call it is stuck in (the method on the stack: {@code evict},
 * {@code decide}, {@code create}, ...) and the scenario line or request.
 *
 * <p>The simulating thread pays one opaque write per mark (a replay marks once per batch of requests, a machine
 * once per plugin call): no fence, as the watcher needs only to see the count move eventually, not in order with
 * anything else; the stack is read only by the watcher, only while the count
 * stands still. A simulation that is slow in its own code is never stopped: only a plugin is.
 */
public final class PluginWatch {
    /** The system property holding the budget, in whole seconds ({@code -Dmmsim.plugin.timeout=10}). */
    public static final String TIMEOUT_PROPERTY = "mmsim.plugin.timeout";
    /** The budget when the property is not set, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 5;

    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(PluginWatch.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long budgetNanos;
    private final String unit;
    /** The class names of the plugins' objects (providers and policies) this simulation calls, to their names. */
    private final Map<String, String> policyOfClass = new ConcurrentHashMap<>();
    /** Written by the simulating thread alone, in opaque mode ({@link #PROGRESS}); read by the watcher likewise. */
    private long progress;
    private volatile Thread thread;
    private volatile PluginFailureException failure;
    /** The scenario line the simulation is at; plain fields, read by the watcher only after seconds of standing still. */
    private String file;
    private int line;
    /** The watcher's own: the count it saw last, and since when the simulation has been inside a plugin. */
    private long seen = -1;
    private long since;

    /**
     * A watch with the budget of {@link #defaultBudgetNanos()}.
     *
     * @param unit what the progress count counts, for the failure's place ({@code "request"}: {@code after request
     *     N}), or null when the simulation says where it is with {@link #at}
     */
    public PluginWatch(String unit) {
        this(unit, defaultBudgetNanos());
    }

    /** A watch that lets a plugin call stand still for {@code budgetNanos} before it counts as runaway. */
    public PluginWatch(String unit, long budgetNanos) {
        this.unit = unit;
        this.budgetNanos = budgetNanos;
    }

    /**
     * The budget the {@value #TIMEOUT_PROPERTY} system property sets, {@value #DEFAULT_TIMEOUT_SECONDS} s without it.
     *
     * @throws BadInputException for a value that is not a whole number of seconds, 1 or more
     */
    public static long defaultBudgetNanos() {
        String text = System.getProperty(TIMEOUT_PROPERTY);
        if (text == null) {
            return DEFAULT_TIMEOUT_SECONDS * 1_000_000_000L;
        }
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds >= 1 && seconds <= Long.MAX_VALUE / 1_000_000_000L) {
                return seconds * 1_000_000_000L;
            }
        } catch (NumberFormatException e) {
            // said below, as a value out of range is
        }
        throw new BadInputException("-D" + TIMEOUT_PROPERTY + "=" + text + ": expected whole seconds, 1 or more");
    }

    /** Tells the watch that {@code plugin} (a provider or a policy it made) is policy {@code name}'s. */
    public void guard(String name, Object plugin) {
        if (plugin != null) {
            policyOfClass.put(plugin.getClass().getName(), name);
        }
    }

    /**
     * The simulating thread is back from a plugin call: progress.
     *
     * @throws PluginFailureException the watcher's failure, if it gave up on this simulation meanwhile (the thread
     *     was abandoned; it must not go on)
     */
    public void advance() {
        if (failure != null) {
            throw failure;
        }
        // One thread writes the count: no lost update.
        PROGRESS.setOpaque(this, progress + 1);
    }

    /** As {@link #advance}, to {@code done} units (requests) at once. */
    public void advanceTo(long done) {
        if (failure != null) {
            throw failure;
        }
        PROGRESS.setOpaque(this, done);
    }

    /** The progress marked so far (requests, for a replay). */
    public long progress() {
        return (long) PROGRESS.getOpaque(this);
    }

    /** The simulation is at line {@code line} of scenario {@code file} now. */
    public void at(String file, int line) {
        this.file = file;
        this.line = line;
    }

    /** The calling thread is the one that runs the simulation from now on (the one whose stack is read). */
    public void runOn(Thread simulating) {
        thread = simulating;
    }

    /** Whether the calling thread is the one that runs the simulation. */
    boolean isSimulating() {
        return Thread.currentThread() == thread;
    }

    /** The failure the watcher gave up with, or null: a simulation once stopped stays stopped. */
    public PluginFailureException failure() {
        return failure;
    }

    /**
     * The watcher's check, a few times a second: the failure of the plugin the simulation is stuck in, if it has
     * stood still in one for the budget, else null.
     */
    public PluginFailureException check(long now) {
        long done = progress();
        if (done != seen) {
            seen = done;
            since = now;
            return null;
        }
        String[] stuck = pluginCall();
        if (stuck == null) {
            // Standing still outside every plugin (the host's own work, a terminal read): not the plugins' fault.
            since = now;
            return null;
        }
        if (now - since < budgetNanos) {
            return null;
        }
        failure = PluginFailureException.stalled(stuck[0], stuck[1], budgetNanos / 1_000_000_000L,
                unit != null ? "after " + unit + " " + done : file == null ? null : "at " + file + ":" + line);
        return failure;
    }

    /** The policy and the method the simulating thread is in, its outermost frame of a plugin's; null if none. */
    private String[] pluginCall() {
        Thread simulating = thread;
        if (simulating == null) {
            return null;
        }
        StackTraceElement[] stack = simulating.getStackTrace();
        for (int i = stack.length - 1; i >= 0; i--) {
            String name = policyOfClass.get(stack[i].getClassName());
            if (name != null) {
                return new String[] {name, stack[i].getMethodName()};
            }
        }
        return null;
    }
}
