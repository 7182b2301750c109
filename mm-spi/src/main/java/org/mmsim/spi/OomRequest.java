package org.mmsim.spi;

import java.util.List;
import java.util.Objects;

/**
 * One out-of-memory event as the OOM policy sees it: the {@code struct oom_control} of mm/oom_kill.c.
 *
 * @param candidates every task, killable or not, in task-list order (ascending pid)
 * @param totalPages the pages the OOM score is relative to: RAM plus swap for an unconstrained OOM
 * @param pageSize the base page size in bytes, to turn {@link OomCandidate#pgtablesBytes()} into pages
 * @param gfpMask the GFP flags of the allocation that failed
 * @param order the order of the allocation that failed
 */
public record OomRequest(List<OomCandidate> candidates, long totalPages, int pageSize, int gfpMask, int order) {
    public OomRequest {
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        if (totalPages < 1) {
            throw new IllegalArgumentException("totalPages " + totalPages + "; expected at least 1");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize " + pageSize + "; expected at least 1");
        }
    }
}
