package org.mmsim.tools.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The OOM killer's choice (mm/oom_kill.c): a machine's tasks with their resident pages, swap entries, page tables and
 * oom_score_adj; which one {@code oom_badness()} picks (the built-in {@code linux} OOM policy decides), and each
 * task's /proc/PID/oom_score: points = rss + swapents + pgtables_bytes / 4096, plus oom_score_adj × totalpages /
 * 1000; oom_score = (1000 + points × 1000 / totalpages) × 2 / 3, and 0 for a task that may not be chosen.
 */
final class OomChoice {
    private static final String[] NAMES = {"postgres", "java", "nginx", "sshd", "backup", "chrome", "redis"};

    private OomChoice() {
    }

    static Exercise generate(long seed, PolicyRegistry registry) {
        SplittableRandom random = new SplittableRandom(seed);
        long ram = 1L << (18 + random.nextInt(3));
        long swap = random.nextInt(2) == 0 ? 0 : ram / 2;
        long total = ram + swap;
        List<OomCandidate> tasks = new ArrayList<>();
        int[] adjustments = {0, 0, 0, -1000, 500, -500, 200, 0};
        for (int i = 0; i < 5; i++) {
            long rss = total / 40 + random.nextLong(total / 5);
            long swapents = swap == 0 ? 0 : random.nextLong(swap / 8);
            long pgtables = (rss / 512 + 1) * 4096;
            int adj = adjustments[random.nextInt(adjustments.length)];
            tasks.add(new OomCandidate(100 + 37 * i + random.nextInt(30), 1000, NAMES[(i + random.nextInt(7)) % 7],
                    rss + rss / 4, rss, 0, 0, swapents, pgtables, adj, i, OomExemption.NONE));
        }
        StringBuilder q = new StringBuilder(String.format("A machine of %d pages of RAM and %d of swap (totalpages %d) runs "
                + "out of memory. Its tasks (pages; page tables in bytes):%n%n  %5s %-9s %9s %9s %14s %13s%n", ram, swap,
                total, "pid", "name", "rss", "swapents", "pgtables_bytes", "oom_score_adj"));
        for (OomCandidate t : tasks) {
            q.append(String.format("  %5d %-9s %9d %9d %14d %13d%n", t.pid(), t.name(), t.rssAnon(), t.swapEntries(),
                    t.pgtablesBytes(), t.oomScoreAdj()));
        }
        q.append(String.format("%nWhich task does the OOM killer choose? What does /proc/PID/oom_score show for each?%n"));
        OomDecision decision = registry.oom("linux").provider().create(registry.oom("linux").arguments())
                .decide(new OomRequest(tasks, total, 4096, 0x100cca, 0));
        StringBuilder a = new StringBuilder();
        for (OomCandidate t : tasks) {
            boolean never = t.oomScoreAdj() == OomCandidate.OOM_SCORE_ADJ_MIN;
            long points = t.rssAnon() + t.swapEntries() + t.pgtablesBytes() / 4096 + (long) t.oomScoreAdj() * (total / 1000);
            long score = never ? 0 : Math.max(0, (1000 + points * 1000 / total) * 2 / 3);
            a.append(String.format("  %5d %-9s points %s, oom_score %d%n", t.pid(), t.name(),
                    never ? "never (oom_score_adj -1000)" : Long.toString(points), score));
        }
        if (decision instanceof OomDecision.Kill kill) {
            a.append(String.format("the OOM killer kills pid %d%n", kill.pid()));
        } else {
            a.append(String.format("no task can be killed: %s%n", decision));
        }
        return new Exercise("oom", seed, q.toString(), a.toString());
    }
}
