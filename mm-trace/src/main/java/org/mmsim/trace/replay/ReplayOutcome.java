package org.mmsim.trace.replay;

import java.util.List;
import java.util.Optional;
import org.mmsim.trace.format.TraceFormat;

/**
 * What a replay of one trace produced: how it was read, and a result per (policy, capacity) pair in the order asked.
 *
 * @param format the format the trace was read as (empty for a third-party reader's)
 * @param requests the trace's requests
 * @param distinct its distinct keys
 * @param results one per pair, policy-major, with the fields {@code ./mm replay --json} prints; a pair whose policy
 *     failed is there too, with its {@link ReplayResult#error()}
 */
public record ReplayOutcome(Optional<TraceFormat> format, long requests, int distinct, List<ReplayResult> results) {
    public ReplayOutcome {
        results = List.copyOf(results);
    }

    /** The results of the pairs whose policy failed, in the order of {@link #results()}; empty if none did. */
    public List<ReplayResult> failures() {
        return results.stream().filter(ReplayResult::failed).toList();
    }
}
