package org.mmsim.spi;

import java.util.Objects;

/** What an {@link OomPolicy} decided: kill one process, or panic the machine. */
public sealed interface OomDecision permits OomDecision.Kill, OomDecision.Panic {

    /** Kill the process {@code pid} ({@code oom_kill_process()}). */
    static OomDecision kill(int pid) {
        return new Kill(pid);
    }

    /** Panic the machine, as Linux does with {@code vm.panic_on_oom} or when no process can be killed. */
    static OomDecision panic(String reason) {
        return new Panic(reason);
    }

    /**
     * Kill one process.
     *
     * @param pid the victim's pid, one of the request's killable candidates
     */
    record Kill(int pid) implements OomDecision {
    }

    /**
     * Panic the machine.
     *
     * @param reason the text of the panic, such as {@code Out of memory and no killable processes...}
     */
    record Panic(String reason) implements OomDecision {
        public Panic {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
