package org.mmsim.api.reclaim;

import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomRequest;

/**
 * The OOM killer's choice of victim ({@code select_bad_process()} in mm/oom_kill.c), made by the machine's OOM
 * policy plugin and checked: the answer is a kill of a killable candidate of the request, or a panic.
 */
public interface OomVictimSelector {
    /** The name of the policy that decides. */
    String policyName();

    /**
     * Decides what to do about one out-of-memory event.
     *
     * @throws org.mmsim.spi.PluginFailureException if the policy throws, answers null, or names a process that
     *     is not a killable candidate; nothing has changed then
     */
    OomDecision selectBadProcess(OomRequest request);
}
