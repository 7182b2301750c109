package org.example.library;

import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineListener;
import org.mmsim.api.OomKillEvent;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.Scenario;

/**
 * Boots a small machine whose OOM killer takes the oldest task rather than the worst, runs a scenario that runs it
 * out of memory, and prints what a listener heard, /proc/meminfo's first lines and vmstat's report.
 */
public final class MachineTour {
    /** The OOM victim choice this program puts in the kernel's place: the killable task with the lowest pid. */
    public static final class OldestFirst implements OomVictimSelector {
        @Override
        public String policyName() {
            return "oldest-first";
        }

        @Override
        public OomDecision selectBadProcess(OomRequest request) {
            return new OomDecision.Kill(request.candidates().stream().filter(c -> c.exemption() == OomExemption.NONE)
                    .mapToInt(OomCandidate::pid).min().orElseThrow());
        }
    }

    /** Runs the tour; it takes no arguments. */
    public static void main(String[] args) {
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(256L << 20).swapBytes(0).build(),
                binder -> binder.bind(OomVictimSelector.class).to(OldestFirst.class));
        machine.events().add(new MachineListener() {
            @Override
            public void oomKill(OomKillEvent kill) {
                System.out.println("heard: OOM kill of " + kill.name() + " (pid " + kill.pid() + ", "
                        + kill.anonRssKb() + " kB anon)");
            }
        });
        Scenario.parse("tour", String.join("\n", "image editor text=128K", "spawn editor image=editor",
                "editor malloc doc 8M", "editor touch doc write", "image hog text=128K", "spawn hog image=hog",
                "hog malloc a 150M", "hog malloc b 150M", "hog touch a write", "hog touch b write")).run(machine);
        machine.proc().read("/proc/meminfo").lines().limit(3).forEach(System.out::println);
        System.out.print(machine.views().vmstat());
    }
}
