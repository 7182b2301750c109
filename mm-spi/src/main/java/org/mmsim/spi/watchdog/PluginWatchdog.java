package org.mmsim.spi.watchdog;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mmsim.spi.PluginFailureException;

/**
 * The watcher of {@link PluginWatch}es: the one mechanism that stops a plugin which never returns, for a trace
 * replay's pairs and a machine's scenario lines alike. The simulation runs on a thread of its own; the thread that
 * asked for it waits, and every {@value #POLL_MILLIS} ms checks the watch. A plugin stuck past the budget is
 * interrupted (a sleeping one wakes) and its thread abandoned, as a daemon: it may never come back, and if it does,
 * its next mark throws the failure, so it goes no further.
 */
public final class PluginWatchdog {
    /** How often a waiting thread looks at the watch. */
    public static final long POLL_MILLIS = 200;

    private PluginWatchdog() {
    }

    /**
     * Runs {@code task} on a thread of its own under {@code watch}, and returns what it returns; on the watch's own
     * simulating thread (a scenario line that types into its machine's console) it runs there, watched already.
     *
     * @throws PluginFailureException if a plugin made no progress for the budget, or the watch stopped before
     * @throws RuntimeException what the task threw, as it threw it (an {@link Error} too)
     */
    public static <T> T call(PluginWatch watch, Supplier<T> task) {
        if (watch.failure() != null) {
            throw watch.failure();
        }
        if (watch.isSimulating()) {
            return task.get();
        }
        FutureTask<T> future = new FutureTask<>(() -> {
            watch.runOn(Thread.currentThread());
            return task.get();
        });
        Thread thread = new Thread(future, "mm-simulation");
        thread.setDaemon(true);
        thread.start();
        return await(future, watch, () -> { });
    }

    /**
     * Waits for {@code future}, whose task runs the simulation {@code watch} watches, calling {@code tick} at every
     * look (a progress bar).
     *
     * @throws PluginFailureException if a plugin made no progress for the budget (the task is cancelled, its thread
     *     interrupted)
     * @throws RuntimeException what the task threw, as it threw it (an {@link Error} too)
     */
    public static <T> T await(Future<T> future, PluginWatch watch, Runnable tick) {
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
                PluginFailureException stalled = watch.check(System.nanoTime());
                if (stalled != null) {
                    future.cancel(true);
                    throw stalled;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the simulation ran", e);
            }
        }
    }
}
