package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.spi.NearestName;

/**
 * The memory policies of mm/mempolicy.c as their commands and system calls read: {@code numactl --membind=1
 * --cpunodebind=0 spawn NAME} (numactl sets the policy in the child before it execs the program), {@code NAME
 * set_mempolicy MODE [NODES]}, {@code NAME mbind VAR MODE NODES [move|move_all|strict]}, {@code migratepages NAME
 * FROM TO} (numactl's migratepages(8)) and {@code NAME move_pages VAR NODE}. NODES are numactl's: {@code all},
 * {@code 1}, {@code 0-2}, {@code 0,2}, and {@code +1} for nodes relative to those the task may use; a MODE takes
 * {@code =static} or {@code =relative} as /proc/PID/numa_maps prints them ({@code bind=static}).
 */
final class NumaVerbs {
    /** The modes by the names the verbs take, as numactl's options and numa_maps call them. */
    private static final Map<String, Integer> MODES = new TreeMap<>(Map.of("default", MemoryPolicies.MPOL_DEFAULT,
            "bind", MemoryPolicies.MPOL_BIND, "preferred", MemoryPolicies.MPOL_PREFERRED, "preferred_many",
            MemoryPolicies.MPOL_PREFERRED_MANY, "interleave", MemoryPolicies.MPOL_INTERLEAVE, "weighted_interleave",
            MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE, "local", MemoryPolicies.MPOL_LOCAL));
    /** numactl's policy options, each the mode it sets. */
    private static final Map<String, Integer> OPTIONS = new TreeMap<>(Map.of("--membind", MemoryPolicies.MPOL_BIND,
            "--interleave", MemoryPolicies.MPOL_INTERLEAVE, "--preferred", MemoryPolicies.MPOL_PREFERRED,
            "--preferred-many", MemoryPolicies.MPOL_PREFERRED_MANY, "--weighted-interleave",
            MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE, "--localalloc", MemoryPolicies.MPOL_LOCAL));
    private static final Map<String, Integer> MOVES = Map.of("move", MemoryPolicies.MPOL_MF_MOVE, "move_all",
            MemoryPolicies.MPOL_MF_MOVE_ALL, "strict", MemoryPolicies.MPOL_MF_STRICT);
    /** The errnos move_pages gives a page, by name. */
    private static final Map<Integer, String> ERRNOS = Map.of(2, "-ENOENT (not present)", 12, "-ENOMEM", 13,
            "-EACCES (shared)", 14, "-EFAULT (not mapped)", 16, "-EBUSY");

    private NumaVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("numactl", "numactl --hardware, or numactl [--membind=|--interleave=|--preferred=|"
                        + "--preferred-many=|--weighted-interleave=NODES|--localalloc] [--cpunodebind=NODE] spawn NAME "
                        + "[image=IMAGE]", "the nodes and distances; or run a program with a memory policy, on a node's "
                        + "CPUs", NumaVerbs::numactl).startingProcessAfter("spawn"),
                Verb.perProcess("set_mempolicy", "NAME set_mempolicy MODE [NODES]",
                        "the process's memory policy (MODE: " + String.join("|", MODES.keySet()) + ")",
                        NumaVerbs::setMempolicy),
                Verb.perProcess("mbind", "NAME mbind VAR MODE NODES [move|move_all|strict]",
                        "a mapping's memory policy; move migrates the pages already there", NumaVerbs::mbind),
                Verb.plain("migratepages", "migratepages NAME FROM-NODES TO-NODES",
                        "move a process's pages from some nodes to others (migrate_pages)", NumaVerbs::migratepages),
                Verb.perProcess("move_pages", "NAME move_pages VAR NODE", "move each page of a mapping to a node, "
                        + "and print where its pages are", NumaVerbs::movePages));
    }

    /** A mode and its flags, as a word names them: {@code bind}, {@code interleave=static}. */
    private static int mode(ScenarioLine line, String word) {
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq);
        Integer mode = MODES.get(name);
        if (mode == null) {
            throw line.error(NearestName.unknown("policy", name, MODES.keySet()));
        }
        if (eq < 0) {
            return mode;
        }
        switch (word.substring(eq + 1)) {
            case "static":
                return mode | MemoryPolicies.MPOL_F_STATIC_NODES;
            case "relative":
                return mode | MemoryPolicies.MPOL_F_RELATIVE_NODES;
            default:
                throw line.error("policy flag '" + word.substring(eq + 1) + "' in '" + word + "'; expected static or relative");
        }
    }

    /**
     * numactl's nodemask ({@code numa_parse_nodestring()}): {@code all}, or nodes and ranges with commas, a {@code +}
     * before them for nodes relative to the allowed ones. Bit 63 of the result is never set; the relative flag is
     * returned in {@code relative[0]}.
     */
    static long nodes(ScenarioLine line, String text, boolean[] relative) {
        String list = text;
        if (list.startsWith("+")) {
            relative[0] = true;
            list = list.substring(1);
        }
        if (list.equals("all")) {
            return -1L;
        }
        long mask = 0;
        for (String part : list.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw badNodes(line, text);
            }
            int from = node(line, text, range[0]);
            int to = range.length == 2 ? node(line, text, range[1]) : from;
            if (to < from) {
                throw badNodes(line, text);
            }
            for (int n = from; n <= to; n++) {
                mask |= 1L << n;
            }
        }
        return mask;
    }

    private static int node(ScenarioLine line, String text, String word) {
        try {
            int n = Integer.parseInt(word);
            if (n >= 0 && n < org.mmsim.api.MachineConfig.MAX_NODES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Told below with the whole list.
        }
        throw badNodes(line, text);
    }

    private static ScenarioException badNodes(ScenarioLine line, String text) {
        return line.error("bad nodes '" + text + "'; expected all, a node, a range or a list (0, 0-1, 0,2, +1)");
    }

    /** NODES as a mask of the machine's nodes: {@code all} is every node of the machine. */
    private static long machineNodes(Session session, long mask) {
        int n = session.machine().config().nodes();
        return mask == -1L ? (n == Long.SIZE ? -1L : (1L << n) - 1) : mask;
    }

    /** A mode with the relative flag if the nodes were given with {@code +}. */
    private static int withRelative(int mode, boolean[] relative) {
        return relative[0] ? mode | MemoryPolicies.MPOL_F_RELATIVE_NODES : mode;
    }

    private static Step numactl(ScenarioLine line, String usage) {
        List<String> words = line.words();
        if (words.size() == 2 && (words.get(1).equals("--hardware") || words.get(1).equals("-H"))) {
            return HardwareVerbs.numactlHardware();
        }
        int mode = MemoryPolicies.MPOL_DEFAULT;
        long nodes = 0;
        int cpuNode = -1;
        boolean[] relative = {false};
        int at = 1;
        for (; at < words.size() && words.get(at).startsWith("-"); at++) {
            String word = words.get(at);
            int eq = word.indexOf('=');
            String option = eq < 0 ? word : word.substring(0, eq);
            if (option.equals("--cpunodebind")) {
                cpuNode = Long.numberOfTrailingZeros(nodes(line, value(line, word, eq), new boolean[1]));
            } else if (option.equals("--localalloc")) {
                mode = MemoryPolicies.MPOL_LOCAL;
            } else if (OPTIONS.containsKey(option)) {
                mode = OPTIONS.get(option);
                nodes = nodes(line, value(line, word, eq), relative);
            } else {
                List<String> known = new java.util.ArrayList<>(OPTIONS.keySet());
                known.add("--cpunodebind");
                known.add("--hardware");
                throw line.error(NearestName.unknown("numactl option", option, known));
            }
        }
        if (at >= words.size() || !words.get(at).equals("spawn")) {
            throw line.error("numactl needs the program to run; expected " + usage);
        }
        String name = line.word(at + 1, "NAME", usage);
        String imageName = line.options(at + 2, usage, List.of("image")).getOrDefault("image", "hello");
        int policy = withRelative(mode, relative);
        long mask = nodes;
        int onNode = cpuNode;
        return session -> {
            ProcessNames.checkNew(session, name);
            if (onNode >= 0) {
                runOn(session, line, onNode, -1);
            }
            int pid;
            try {
                pid = session.machine().processes().mempolicies().spawn(name, TaskVerbs.imageNamed(session, imageName),
                        policy, machineNodes(session, mask));
            } catch (org.mmsim.api.paging.SyscallException e) {
                session.print("numactl: set_mempolicy: " + e.getMessage() + "\n");
                return;
            }
            ProcessNames.checkUnused(session, name, pid);
            ProcessNames.bind(session, name, pid);
            if (onNode >= 0) {
                runOn(session, line, onNode, pid);
            }
        };
    }

    /** An option's value after its {@code =}, or an error. */
    private static String value(ScenarioLine line, String word, int eq) {
        if (eq < 0 || eq == word.length() - 1) {
            throw line.error("numactl option '" + word + "' needs =NODES");
        }
        return word.substring(eq + 1);
    }

    /**
     * {@code --cpunodebind=N}: the scenario runs on the node's first CPU from now on, as {@code switch CPU NAME}
     * does (a scenario has one current CPU, which every process's accesses and allocations use); the process, once
     * there, is switched to on it.
     */
    private static void runOn(Session session, ScenarioLine line, int node, int pid) {
        List<Integer> cpus = new org.mmsim.tools.hw.CpuTopology(session.machine().config()).cpusOf(node);
        if (cpus.isEmpty()) {
            throw line.error("--cpunodebind=" + node + ": node " + node + " has no CPUs; the machine has "
                    + session.machine().config().nodes() + " node(s)");
        }
        int cpu = cpus.get(0);
        session.machine().pageAllocator().setCurrentCpu(cpu);
        session.machine().slabAllocator().setCurrentCpu(cpu);
        if (pid > 0) {
            session.machine().processes().switchTo(cpu, pid);
        }
    }

    /** {@code NAME set_mempolicy MODE [NODES]}. */
    private static Step setMempolicy(String process, ScenarioLine line, String usage) {
        if (line.words().size() < 3 || line.words().size() > 4) {
            throw line.error("set_mempolicy takes MODE [NODES]; expected " + usage);
        }
        boolean[] relative = {false};
        int mode = mode(line, line.words().get(2));
        long nodes = line.words().size() == 4 ? nodes(line, line.words().get(3), relative) : 0;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Perror.syscall(session, process, "set_mempolicy", () -> session.machine().processes().mempolicies()
                    .setMempolicy(pid, withRelative(mode, relative), machineNodes(session, nodes)));
        };
    }

    /** {@code NAME mbind VAR MODE NODES [move|move_all|strict]}. */
    private static Step mbind(String process, ScenarioLine line, String usage) {
        if (line.words().size() < 5) {
            throw line.error("mbind takes VAR MODE NODES; expected " + usage);
        }
        String var = line.words().get(2);
        boolean[] relative = {false};
        int mode = mode(line, line.words().get(3));
        long nodes = nodes(line, line.words().get(4), relative);
        int flags = 0;
        for (String word : line.words().subList(5, line.words().size())) {
            Integer flag = MOVES.get(word);
            if (flag == null) {
                throw line.error(NearestName.unknown("mbind flag", word, MOVES.keySet()));
            }
            flags |= flag;
        }
        int mbindFlags = flags;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            Perror.syscall(session, process, "mbind " + var, () -> session.machine().processes().mempolicies()
                    .mbind(pid, r.pageStart(), r.pageEnd() - r.pageStart(), withRelative(mode, relative),
                            machineNodes(session, nodes), mbindFlags));
        };
    }

    /** {@code migratepages NAME FROM TO}: prints nothing, as migratepages(8), unless pages stayed behind. */
    private static Step migratepages(ScenarioLine line, String usage) {
        line.expectWords(4, usage);
        String name = line.words().get(1);
        long from = nodes(line, line.words().get(2), new boolean[1]);
        long to = nodes(line, line.words().get(3), new boolean[1]);
        return session -> {
            int pid = ProcessNames.pidOf(session, name);
            Perror.syscall(session, "migratepages", "migrate_pages", () -> {
                long left = session.machine().processes().mempolicies().migratePages(pid,
                        machineNodes(session, from), machineNodes(session, to));
                if (left > 0) {
                    session.print("migratepages: " + left + " page(s) of " + name + " could not be moved\n");
                }
            });
        };
    }

    /** {@code NAME move_pages VAR NODE}: every page of VAR to NODE, then how many pages are where. */
    private static Step movePages(String process, ScenarioLine line, String usage) {
        line.expectWords(4, usage);
        String var = line.words().get(2);
        long mask = nodes(line, line.words().get(3), new boolean[1]);
        if (Long.bitCount(mask) != 1) {
            throw line.error("move_pages takes one node; found '" + line.words().get(3) + "'");
        }
        int node = Long.numberOfTrailingZeros(mask);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            int count = (int) ((r.pageEnd() - r.pageStart()) >>> 12);
            long[] pages = new long[count];
            int[] nodes = new int[count];
            for (int i = 0; i < count; i++) {
                pages[i] = r.pageStart() + ((long) i << 12);
                nodes[i] = node;
            }
            Perror.syscall(session, process, "move_pages " + var, () -> {
                int[] status = session.machine().processes().mempolicies().movePages(pid, pages, nodes);
                session.print(process + ": move_pages " + var + ": " + statusCounts(status) + "\n");
            });
        };
    }

    /** The statuses move_pages gave, counted: {@code 512 on node 1, 3 -ENOENT}. */
    static String statusCounts(int[] status) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int s : status) {
            counts.merge(s, 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(e.getValue()).append(e.getKey() >= 0
                    ? " on node " + e.getKey() : " " + ERRNOS.getOrDefault(-e.getKey(), "error " + -e.getKey()));
        }
        return text.toString();
    }
}
