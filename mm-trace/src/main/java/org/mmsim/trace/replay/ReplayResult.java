package org.mmsim.trace.replay;

/**
 * What one (policy, capacity) replay counted.
 *
 * @param policy the policy as the user wrote it
 * @param capacity the cache size in pages
 * @param requests requests replayed
 * @param hits requests whose key was resident
 * @param seconds time spent in the policy loop over the decoded keys (decoding not included)
 */
public record ReplayResult(String policy, int capacity, long requests, long hits, double seconds) {
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
}
