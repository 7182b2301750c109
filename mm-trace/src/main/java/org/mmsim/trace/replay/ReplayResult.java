package org.mmsim.trace.replay;

import java.util.Objects;
import java.util.Optional;

/**
 * What one (policy, capacity) replay counted.
 *
 * @param policy the policy as the user wrote it
 * @param capacity the cache size in pages
 * @param requests requests replayed (for a failed pair, those before the one its policy failed at)
 * @param hits requests whose key was resident
 * @param seconds time spent in the policy loop over the decoded keys (decoding not included)
 * @param error empty for a pair that replayed the whole trace; for one whose policy failed (threw, named a victim
 *     that is not resident, or ran away), the one line saying so, with the request it failed at ({@code policy 'x'
 *     failed: threw at request 3: ...}); the other pairs of the replay are not affected
 */
public record ReplayResult(String policy, int capacity, long requests, long hits, double seconds, Optional<String> error) {
    public ReplayResult {
        Objects.requireNonNull(error, "error");
    }

    /** The result of a pair that replayed the whole trace. */
    public ReplayResult(String policy, int capacity, long requests, long hits, double seconds) {
        this(policy, capacity, requests, hits, seconds, Optional.empty());
    }

    /** Requests whose key was not resident. */
    public long misses() {
        return requests - hits;
    }

    /** misses / requests. */
    public double missRatio() {
        return requests == 0 ? 0 : (double) misses() / requests;
    }

    /** requests / seconds. */
    public double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** Whether the pair's policy failed before the end of the trace ({@link #error()} says how). */
    public boolean failed() {
        return error.isPresent();
    }
}
