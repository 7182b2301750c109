package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.physical.PerfCounts;
import org.mmsim.tools.units.Sizes;

/**
 * The locality lessons: how the order of a program's accesses meets the caches and the TLB.
 * {@code NAME sweep VAR} visits every element of a range once, stride bytes apart, in as many passes as a stride holds
 * elements: a 2-D array of ROWS × COLS elements of E bytes is summed in row order with {@code elem=E} (the stride
 * defaults to the element) and in column order with {@code stride=COLS×E}. {@code NAME chase VAR} follows a pointer
 * chase: a random cyclic permutation of the range's elements (Sattolo's algorithm, from {@code seed}), each element
 * holding the next one's index, so that every load waits for the one before and no two fall near each other.
 * {@code interleave N CPU NAME VERB... / CPU NAME VERB...} runs lines of processes in turn on their CPUs, N rounds, as
 * processes on different CPUs run side by side: two writing neighbouring words of one shared line show false
 * sharing. Each access goes through the MMU and the CPU's caches; like {@code touch}, the time the accesses took is
 * the process's user time, and simulated time passes by as much.
 */
final class LocalityVerbs {
    /** The most elements a chase permutes: the permutation is held as the program would hold it, one index each. */
    private static final long MAX_CHASE = 1 << 24;

    private LocalityVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.perProcess("sweep", "NAME sweep VAR [read|write] [elem=SIZE] [stride=SIZE] [offset=N] [length=N] "
                        + "[count=N]", "visit every element once, stride bytes apart (row or column order over a 2-D "
                        + "array), count times", LocalityVerbs::sweep),
                Verb.perProcess("chase", "NAME chase VAR [elem=SIZE] [offset=N] [length=N] [count=N] [seed=N]",
                        "follow a pointer chase over a random cyclic permutation of the elements (count loads)",
                        LocalityVerbs::chase),
                Verb.plain("interleave", "interleave N CPU NAME VERB... / CPU NAME VERB...",
                        "run lines of processes in turn, each on its CPU, N rounds (two CPUs side by side)",
                        LocalityVerbs::interleave));
    }

    /** {@code NAME sweep VAR [read|write] [elem=SIZE] [stride=SIZE] [offset=N] [length=N] [count=N]}. */
    private static Step sweep(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        int from = 3;
        AccessType type = AccessType.READ;
        if (line.words().size() > 3 && !line.words().get(3).contains("=")) {
            type = AccessVerbs.accessType(line, line.words().get(3), false);
            from = 4;
        }
        Map<String, String> o = line.options(from, usage, List.of("elem", "stride", "offset", "length", "count"));
        int elem = element(line, o);
        long stride = line.size(o.getOrDefault("stride", Long.toString(elem)));
        if (stride < elem || stride % elem != 0) {
            throw line.error("stride=" + Sizes.format(stride) + " with elem=" + elem
                    + "; expected a whole number of elements, at least one");
        }
        long offset = line.size(o.getOrDefault("offset", "0"));
        Long length = o.containsKey("length") ? line.size(o.get("length")) : null;
        long count = count(line, o, 1);
        AccessType access = type;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            long end = r.rangeEnd(line, var, offset, length);
            Processes processes = session.machine().processes();
            int cpu = processes.currentCpu();
            PerfCounts before = session.machine().memoryHierarchy().counts(cpu);
            try {
                for (long round = 0; round < count; round++) {
                    for (long first = offset; first < offset + stride && first + elem <= end; first += elem) {
                        for (long at = first; at + elem <= end; at += stride) {
                            if (AccessVerbs.died(AccessVerbs.access(session, processes, pid, r.addr() + at, access, elem,
                                    process))) {
                                return;
                            }
                        }
                    }
                }
            } finally {
                AccessVerbs.ran(session, pid, cpu, before);
            }
        };
    }

    /** {@code NAME chase VAR [elem=SIZE] [offset=N] [length=N] [count=N] [seed=N]}. */
    private static Step chase(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        Map<String, String> o = line.options(3, usage, List.of("elem", "offset", "length", "count", "seed"));
        int elem = element(line, o);
        long offset = line.size(o.getOrDefault("offset", "0"));
        Long length = o.containsKey("length") ? line.size(o.get("length")) : null;
        long seed;
        try {
            seed = Long.parseLong(o.getOrDefault("seed", "1"));
        } catch (NumberFormatException e) {
            throw line.error("seed '" + o.get("seed") + "'; expected a whole number");
        }
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            long end = r.rangeEnd(line, var, offset, length);
            long elements = (end - offset) / elem;
            if (elements < 2 || elements > MAX_CHASE) {
                throw line.error(elements + " elements of " + elem + " bytes to chase; expected 2 to " + MAX_CHASE);
            }
            int[] next = cycle((int) elements, seed);
            long count = count(line, o, elements);
            Processes processes = session.machine().processes();
            int cpu = processes.currentCpu();
            PerfCounts before = session.machine().memoryHierarchy().counts(cpu);
            try {
                int at = 0;
                for (long i = 0; i < count; i++) {
                    if (AccessVerbs.died(AccessVerbs.access(session, processes, pid, r.addr() + offset + (long) at * elem,
                            AccessType.READ, elem, process))) {
                        return;
                    }
                    at = next[at];
                }
            } finally {
                AccessVerbs.ran(session, pid, cpu, before);
            }
        };
    }

    /** Sattolo's algorithm: a uniformly random permutation that is one cycle through every element. */
    static int[] cycle(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // order is the cycle's visiting order; each element points at the one after it.
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    private static int element(ScenarioLine line, Map<String, String> o) {
        long elem = line.size(o.getOrDefault("elem", "8"));
        if (elem < 1 || elem > 4096) {
            throw line.error("elem=" + Sizes.format(elem) + "; expected 1 to 4K bytes");
        }
        return (int) elem;
    }

    private static long count(ScenarioLine line, Map<String, String> o, long otherwise) {
        if (!o.containsKey("count")) {
            return otherwise;
        }
        try {
            long count = Long.parseLong(o.get("count"));
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw line.error("count '" + o.get("count") + "'; expected a whole number of at least 1");
    }

    /** {@code interleave N CPU NAME VERB... / CPU NAME VERB...}. */
    private static Step interleave(ScenarioLine line, String usage) {
        List<String> words = line.words();
        long rounds;
        try {
            rounds = Long.parseLong(line.word(1, "N", usage));
        } catch (NumberFormatException e) {
            rounds = 0;
        }
        if (rounds < 1) {
            throw line.error("interleave '" + words.get(1) + "'; expected a number of rounds of at least 1");
        }
        List<Integer> cpus = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        int start = 2;
        for (int i = 2; i <= words.size(); i++) {
            if (i < words.size() && !words.get(i).equals("/")) {
                continue;
            }
            if (i - start < 3) {
                throw line.error("interleave needs CPU NAME VERB... between the slashes; expected " + usage);
            }
            int cpu;
            try {
                cpu = Integer.parseInt(words.get(start));
            } catch (NumberFormatException e) {
                throw line.error("bad CPU '" + words.get(start) + "'; expected a number, as in " + usage);
            }
            ScenarioLine part = new ScenarioLine(line.file(), line.number(), words.subList(start + 1, i));
            Verb verb = VerbTable.standard().verbOf(part, java.util.Set.of());
            if (!verb.perProcess()) {
                throw line.error("interleave runs lines of processes, CPU NAME VERB...; '" + part.verb()
                        + "' is not a process; expected " + usage);
            }
            cpus.add(cpu);
            names.add(part.verb());
            steps.add(verb.parse(part));
            start = i + 1;
        }
        long n = rounds;
        return session -> {
            for (long round = 0; round < n; round++) {
                for (int k = 0; k < steps.size(); k++) {
                    TlbVerbs.switchTo(session, line, cpus.get(k), names.get(k));
                    steps.get(k).run(session);
                }
            }
        };
    }
}
