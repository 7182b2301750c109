package org.mmsim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mmsim.api.time.SimClock;

/**
 * The machine's listeners, and what the layers tell them. One per machine; the layers call it where the kernel event
 * happens. With no listener a call costs one check of an empty array.
 */
public final class MachineEvents {
    private final SimClock clock;
    private MachineListener[] listeners = new MachineListener[0];

    /** @param clock the machine's clock, which stamps each event */
    public MachineEvents(SimClock clock) {
        this.clock = clock;
    }

    /** Adds a listener; it hears every event from now on. */
    public void add(MachineListener listener) {
        List<MachineListener> all = new ArrayList<>(List.of(listeners));
        all.add(Objects.requireNonNull(listener, "listener"));
        listeners = all.toArray(MachineListener[]::new);
    }

    /** Removes a listener added before; nothing if it was not. */
    public void remove(MachineListener listener) {
        List<MachineListener> all = new ArrayList<>(List.of(listeners));
        all.remove(listener);
        listeners = all.toArray(MachineListener[]::new);
    }

    /**
     * Tells every listener of an OOM kill, sizes in kB.
     *
     * @see OomKillEvent
     */
    public void oomKill(int pid, String name, long totalVmKb, long anonRssKb, long fileRssKb, long shmemRssKb,
                        int oomScoreAdj, String reason) {
        if (listeners.length == 0) {
            return;
        }
        OomKillEvent kill = new OomKillEvent(clock.nanos(), pid, name, totalVmKb, anonRssKb, fileRssKb, shmemRssKb,
                oomScoreAdj, reason);
        for (MachineListener l : listeners) {
            l.oomKill(kill);
        }
    }

    /** Tells every listener of a page fault a task's access took; free when no one listens. */
    public void pageFault(int pid, long address, boolean write, boolean major) {
        if (listeners.length == 0) {
            return;
        }
        long now = clock.nanos();
        for (MachineListener l : listeners) {
            l.pageFault(now, pid, address, write, major);
        }
    }

    /** Tells every listener kswapd was woken on {@code node}. */
    public void kswapdWake(int node) {
        for (MachineListener l : listeners) {
            l.kswapdWake(clock.nanos(), node);
        }
    }

    /** Tells every listener an allocation of {@code order} reclaimed {@code reclaimed} pages directly. */
    public void directReclaim(int order, long reclaimed) {
        for (MachineListener l : listeners) {
            l.directReclaim(clock.nanos(), order, reclaimed);
        }
    }
}
