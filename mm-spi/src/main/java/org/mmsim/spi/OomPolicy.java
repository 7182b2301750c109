package org.mmsim.spi;

/**
 * Chooses the victim of an out-of-memory kill ({@code out_of_memory()} in mm/oom_kill.c), or decides that the
 * machine panics instead ({@code vm.panic_on_oom}).
 *
 * <p>The host checks the answer: a {@link OomDecision.Kill} must name a {@link OomCandidate#killable() killable}
 * candidate of the request; anything else (null, an unknown or unkillable pid, an exception) stops the policy with
 * an error naming it, and the machine is left as it was.
 */
public interface OomPolicy {
    /**
     * Decides what to do about one out-of-memory event.
     *
     * @param request the candidates, in task-list order, and the machine's totals
     * @return a kill of one killable candidate, or a panic
     */
    OomDecision decide(OomRequest request);
}
