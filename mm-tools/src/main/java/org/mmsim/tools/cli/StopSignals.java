package org.mmsim.tools.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * SIGINT (Ctrl-C) and SIGTERM ({@code kill}, {@code timeout}) for {@code ./mm run}: the first asks the run to stop,
 * which it does at its next look ({@link #requested}: between lines, and between the turns of a wait, so a long
 * {@code tick} stops at once) and then {@link #stopped acknowledges}. A line that does not look within
 * {@link #GRACE_MILLIS} (one long call into the machine), or a second signal, makes the handler stop the run itself:
 * {@code force} prints what there is to print and halts. The exit status is the shell's for a death by the signal:
 * 128 + its number (130, 143). Through {@code sun.misc.Signal} of {@code jdk.unsupported}, reached by reflection as
 * JLine reaches it to catch Ctrl-C in {@code ./mm shell}.
 */
final class StopSignals implements AutoCloseable {
    /** How long a run may take to stop by itself after the first signal. */
    static final long GRACE_MILLIS = 1000;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Consumer<StopSignals> force;
    /** The first signal caught: its name ({@code INT}) and number; null before. */
    private volatile Caught signal;
    /** Each signal caught here ({@code sun.misc.Signal}) and the handler it had before. */
    private final Map<Object, Object> previous = new LinkedHashMap<>();
    /** {@code Signal.handle(Signal, SignalHandler)}. */
    private Method handle;

    private record Caught(String name, int number) {
    }

    private StopSignals(Consumer<StopSignals> force) {
        this.force = force;
    }

    /**
     * Catches SIGINT and SIGTERM until {@link #close}; {@code force} stops the run when it does not stop by itself.
     */
    static StopSignals install(Consumer<StopSignals> force) {
        StopSignals signals = new StopSignals(force);
        try {
            // By reflection: javac warns of sun.misc whatever is said, and every warning fails the build.
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method number = signal.getMethod("getNumber");
            signals.handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[] {"INT", "TERM"}) {
                Object caught = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler},
                        (proxy, method, args) -> {
                            if (method.getName().equals("handle")) {
                                signals.handle(new Caught(name, (Integer) number.invoke(args[0])));
                            }
                            return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                    : method.getName().equals("equals") ? (Object) (proxy == args[0]) : null;
                        });
                Object which = signal.getConstructor(String.class).newInstance(name);
                try {
                    signals.previous.put(which, signals.handle.invoke(null, which, caught));
                } catch (InvocationTargetException e) {
                    // The JVM keeps this signal for itself (-Xrs): it ends the run as it would have.
                }
            }
        } catch (ReflectiveOperationException e) {
            // A JVM without sun.misc.Signal: the signals end the run as they would have.
        }
        return signals;
    }

    /** Gives the signals back to the handlers they had (the JVM's: a signal ends it), as a run in a program ends. */
    @Override
    public void close() {
        for (Map.Entry<Object, Object> signal : previous.entrySet()) {
            try {
                handle.invoke(null, signal.getKey(), signal.getValue());
            } catch (ReflectiveOperationException e) {
                // It was set with the same method a moment ago.
                throw new IllegalStateException(e);
            }
        }
        previous.clear();
    }

    /** Whether a signal asked the run to stop. */
    boolean requested() {
        return signal != null;
    }

    /** The signal's name, {@code SIGINT} or {@code SIGTERM}. */
    String name() {
        return "SIG" + signal.name();
    }

    /** The exit status of a run the signal stopped: 128 + its number. */
    int status() {
        return 128 + signal.number();
    }

    /** The run stopped by itself: the handler has nothing more to do. */
    void stopped() {
        stopped.countDown();
    }

    /** On the signal's own thread, which may wait. */
    private void handle(Caught caught) {
        boolean first;
        synchronized (this) {
            first = signal == null;
            if (first) {
                signal = caught;
            }
        }
        try {
            if (!first || !stopped.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                force.accept(this);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
