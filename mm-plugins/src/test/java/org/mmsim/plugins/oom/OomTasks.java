package org.mmsim.plugins.oom;

import java.util.List;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;

/** Small task tables for hand-computed OOM examples. */
final class OomTasks {
    private OomTasks() {
    }

    static OomCandidate task(int pid, long anon, long file, long shmem, int adj, long startNanos, OomExemption exemption) {
        return new OomCandidate(pid, 1000, "task" + pid, anon + file + shmem + 100, anon, file, shmem, 0, 4096, adj,
                startNanos, exemption);
    }

    static OomCandidate task(int pid, long anon, long file, long shmem, int adj, long startNanos) {
        return task(pid, anon, file, shmem, adj, startNanos, OomExemption.NONE);
    }

    static OomCandidate swapper(int pid, long anon, long swap, int adj) {
        return new OomCandidate(pid, 1000, "task" + pid, anon + swap, anon, 0, 0, swap, 1 << 20, adj, 0, OomExemption.NONE);
    }

    static OomRequest request(OomCandidate... candidates) {
        return new OomRequest(List.of(candidates), 1 << 20, 4096, 0xcc0, 0);
    }
}
