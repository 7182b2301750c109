package org.mmsim.tools.proc;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * One tunable of /proc/sys: its {@code sysctl} name ({@code vm.min_free_kbytes}), its file, how to read and how to
 * write it. Integer vectors print tab-separated, as {@code proc_dointvec()} does.
 */
public final class Sysctl implements ProcFile {
    private final String name;
    private final String path;
    private final Function<SimulatedMachine, int[]> read;
    private final BiConsumer<SimulatedMachine, int[]> write;
    private final int values;

    private Sysctl(String name, int values, Function<SimulatedMachine, int[]> read, BiConsumer<SimulatedMachine, int[]> write) {
        this(name, "/proc/sys/" + name.replace('.', '/'), values, read, write);
    }

    private Sysctl(String name, String path, int values, Function<SimulatedMachine, int[]> read,
                   BiConsumer<SimulatedMachine, int[]> write) {
        this.name = name;
        this.path = path;
        this.values = values;
        this.read = read;
        this.write = write;
    }

    /** The vm tunables the physical layer owns. */
    static List<Sysctl> physical() {
        return List.of(
                scalar("vm.min_free_kbytes", m -> mem(m).minFreeKbytes(), (m, v) -> mem(m).setMinFreeKbytes(v)),
                scalar("vm.watermark_boost_factor", m -> mem(m).watermarkBoostFactor(), (m, v) -> mem(m).setWatermarkBoostFactor(v)),
                scalar("vm.watermark_scale_factor", m -> mem(m).watermarkScaleFactor(), (m, v) -> mem(m).setWatermarkScaleFactor(v)),
                new Sysctl("vm.lowmem_reserve_ratio", -1, m -> mem(m).lowmemReserveRatio(), (m, v) -> mem(m).setLowmemReserveRatio(v)),
                scalar("vm.percpu_pagelist_high_fraction", m -> mem(m).percpuPagelistHighFraction(),
                        (m, v) -> mem(m).setPercpuPagelistHighFraction(v)));
    }

    /**
     * The overcommit tunables the paging layer owns (mm/util.c), and the limits on tasks fork checks (kernel/pid.c,
     * kernel/fork.c).
     */
    static List<Sysctl> paging() {
        return List.of(
                scalar("kernel.pid_max", m -> limits(m).pidMax(), (m, v) -> limits(m).setPidMax(v)),
                scalar("kernel.threads-max", m -> limits(m).threadsMax(), (m, v) -> limits(m).setThreadsMax(v)),
                scalar("vm.overcommit_memory", m -> commit(m).mode(), (m, v) -> commit(m).setMode(v)),
                scalar("vm.overcommit_ratio", m -> commit(m).ratio(), (m, v) -> commit(m).setRatio(v)),
                scalar("vm.overcommit_kbytes", m -> (int) commit(m).kbytes(), (m, v) -> commit(m).setKbytes(v)));
    }

    /** The reclaim tunable (mm/vmscan.c). */
    static List<Sysctl> vmscan() {
        return List.of(scalar("vm.swappiness", m -> m.reclaim().swappiness(), (m, v) -> m.reclaim().setSwappiness(v)));
    }

    /** The writeback tunables (mm/page-writeback.c) and drop_caches (fs/drop_caches.c), which the kalloc layer owns. */
    static List<Sysctl> writeback() {
        return List.of(
                scalar("vm.dirty_ratio", m -> m.writeback().dirtyRatio(), (m, v) -> m.writeback().setDirtyRatio(v)),
                scalar("vm.dirty_background_ratio", m -> m.writeback().dirtyBackgroundRatio(),
                        (m, v) -> m.writeback().setDirtyBackgroundRatio(v)),
                scalar("vm.dirty_expire_centisecs", m -> m.writeback().dirtyExpireCentisecs(),
                        (m, v) -> m.writeback().setDirtyExpireCentisecs(v)),
                scalar("vm.dirty_writeback_centisecs", m -> m.writeback().dirtyWritebackCentisecs(),
                        (m, v) -> m.writeback().setDirtyWritebackCentisecs(v)),
                scalar("vm.drop_caches", m -> m.files().lastDropCaches(), (m, v) -> m.files().dropCaches(v)));
    }

    /** The OOM killer's tunables (mm/oom_kill.c), which the reclaim layer owns. */
    static List<Sysctl> oom() {
        return List.of(
                scalar("vm.panic_on_oom", m -> m.oomKiller().panicOnOom(), (m, v) -> m.oomKiller().setPanicOnOom(v)),
                scalar("vm.oom_kill_allocating_task", m -> m.oomKiller().oomKillAllocatingTask(),
                        (m, v) -> m.oomKiller().setOomKillAllocatingTask(v)),
                scalar("vm.oom_dump_tasks", m -> m.oomKiller().oomDumpTasks(), (m, v) -> m.oomKiller().setOomDumpTasks(v)));
    }

    /** The swap tunable (mm/swap.c), which the reclaim layer owns. */
    static List<Sysctl> swap() {
        return List.of(scalar("vm.page-cluster", m -> m.swap().pageCluster(), (m, v) -> m.swap().setPageCluster(v)));
    }

    /**
     * The hugetlbfs pools' tunables (mm/hugetlb.c), which the physical layer owns: vm.nr_hugepages and
     * vm.nr_overcommit_hugepages of the default size, and each x86-64 size's directory under /sys/kernel/mm/hugepages
     * ({@code hugetlb_sysfs_add_hstate()}), whose counts only read. A write that the buddy allocator cannot fully
     * supply leaves the pool smaller, and the file reads what it got.
     */
    static List<Sysctl> hugetlb() {
        List<Sysctl> files = new java.util.ArrayList<>(List.of(
                scalar("vm.nr_hugepages", m -> (int) m.hugetlb().persistentHugePages(defaultOrder(m)),
                        (m, v) -> m.hugetlb().setNrHugePages(defaultOrder(m), -1, v)),
                scalar("vm.nr_overcommit_hugepages", m -> (int) m.hugetlb().nrOvercommitHugePages(defaultOrder(m)),
                        (m, v) -> m.hugetlb().setNrOvercommitHugePages(defaultOrder(m), v))));
        for (int order : new int[] {9, 18}) {
            String dir = "/sys/kernel/mm/hugepages/hugepages-" + (4 << order) + "kB/";
            files.add(sysfs(dir + "nr_hugepages", m -> pools(m, order, dir).persistentHugePages(order),
                    (m, v) -> pools(m, order, dir).setNrHugePages(order, -1, v)));
            files.add(sysfs(dir + "nr_overcommit_hugepages", m -> pools(m, order, dir).nrOvercommitHugePages(order),
                    (m, v) -> pools(m, order, dir).setNrOvercommitHugePages(order, v)));
            files.add(sysfs(dir + "free_hugepages", m -> pools(m, order, dir).freeHugePages(order), null));
            files.add(sysfs(dir + "resv_hugepages", m -> pools(m, order, dir).resvHugePages(order), null));
            files.add(sysfs(dir + "surplus_hugepages", m -> pools(m, order, dir).surplusHugePages(order), null));
        }
        files.addAll(nodeHugetlb(0));
        return files;
    }

    /** A node's hugetlb directory: {@code /sys/devices/system/node/nodeN/hugepages/hugepages-NkB/FILE}. */
    private static final java.util.regex.Pattern NODE_HUGEPAGES = java.util.regex.Pattern.compile(
            "/sys/devices/system/node/node(\\d{1,2})/hugepages/hugepages-\\d+kB/[a-z_]+");

    /**
     * The file at {@code path} of a node's hugetlb directory, if it is one (node 0's are among {@link #hugetlb()}'s,
     * the others' are made when named, as a machine has from 1 to {@code MAX_NUMNODES} nodes); else null.
     */
    static Sysctl nodeHugetlbFile(String path) {
        java.util.regex.Matcher m = NODE_HUGEPAGES.matcher(path);
        if (!m.matches() || Integer.parseInt(m.group(1)) >= org.mmsim.api.MachineConfig.MAX_NODES) {
            return null;
        }
        return nodeHugetlb(Integer.parseInt(m.group(1))).stream().filter(f -> f.path.equals(path)).findFirst()
                .orElse(null);
    }

    /**
     * Each size's directory under node {@code node} ({@code hugetlb_register_node()}: its per-node attributes).
     * nr_hugepages reads the node's pages, surplus ones included ({@code nr_hugepages_show_common()} reads
     * {@code nr_huge_pages_node[nid]}, where the global file reads the persistent pages), and a write resizes the
     * node's part of the pool, its pages allocated on that node ({@code __nr_hugepages_store_common()}).
     */
    private static List<Sysctl> nodeHugetlb(int node) {
        List<Sysctl> files = new java.util.ArrayList<>();
        for (int order : new int[] {9, 18}) {
            String dir = "/sys/devices/system/node/node" + node + "/hugepages/hugepages-" + (4 << order) + "kB/";
            files.add(sysfs(dir + "nr_hugepages", m -> nodePools(m, order, dir, node).nrHugePages(order, node),
                    (m, v) -> nodePools(m, order, dir, node).setNrHugePages(order, node, v)));
            files.add(sysfs(dir + "free_hugepages", m -> nodePools(m, order, dir, node).freeHugePages(order, node),
                    null));
            files.add(sysfs(dir + "surplus_hugepages",
                    m -> nodePools(m, order, dir, node).surplusHugePages(order, node), null));
        }
        return files;
    }

    /** The machine's pools as {@link #pools}, if it has node {@code node}. */
    private static org.mmsim.api.physical.HugetlbPools nodePools(SimulatedMachine machine, int order, String dir,
                                                                 int node) {
        if (node >= machine.physicalMemory().nodes()) {
            throw new IllegalArgumentException(dir + ": No such file or directory (node " + node + "; the machine has "
                    + machine.physicalMemory().nodes() + (machine.physicalMemory().nodes() == 1 ? " node)" : " nodes)"));
        }
        return pools(machine, order, dir);
    }

    /**
     * MPOL_WEIGHTED_INTERLEAVE's weights (mm/mempolicy.c, {@code sysfs_wi_node_add()}):
     * {@code /sys/kernel/mm/mempolicy/weighted_interleave/nodeN}, one file for each node the machine has, 1 unless
     * written, 1 to 255.
     */
    static List<Sysctl> mempolicy() {
        List<Sysctl> files = new java.util.ArrayList<>();
        for (int n = 0; n < org.mmsim.api.MachineConfig.MAX_NODES; n++) {
            int node = n;
            String path = "/sys/kernel/mm/mempolicy/weighted_interleave/node" + node;
            files.add(sysfs(path, m -> policies(m, node, path).interleaveWeight(node), (m, v) -> {
                try {
                    policies(m, node, path).setInterleaveWeight(node, v);
                } catch (org.mmsim.api.paging.SyscallException e) {
                    throw new IllegalArgumentException(path + ": write error: Invalid argument (weight " + v
                            + "; expected 1 to 255)");
                }
            }));
        }
        return files;
    }

    /** The machine's memory policies, if it has node {@code node}: the file exists only for a node there is. */
    private static org.mmsim.api.paging.MemoryPolicies policies(SimulatedMachine machine, int node, String path) {
        if (node >= machine.config().nodes()) {
            throw new IllegalArgumentException(path + ": No such file or directory (the machine has "
                    + machine.config().nodes() + " node(s))");
        }
        return machine.processes().mempolicies();
    }

    /**
     * The machine's pools, if it has one of {@code order}: the directory exists only for the sizes the architecture
     * has ({@code hugetlb_sysfs_add_hstate()}; i386 has no 1 GiB pages).
     *
     * @throws IllegalArgumentException naming the directory otherwise
     */
    private static org.mmsim.api.physical.HugetlbPools pools(SimulatedMachine machine, int order, String dir) {
        org.mmsim.api.physical.HugetlbPools pools = machine.hugetlb();
        if (java.util.Arrays.stream(pools.orders()).noneMatch(o -> o == order)) {
            throw new IllegalArgumentException(dir + ": No such file or directory (no " + (4 << order)
                    + " kB huge pages on " + machine.config().arch().unameName() + ")");
        }
        return pools;
    }

    private static int defaultOrder(SimulatedMachine machine) {
        return machine.hugetlb().orders()[0];
    }

    private static Sysctl sysfs(String path, java.util.function.ToLongFunction<SimulatedMachine> read,
                                BiConsumer<SimulatedMachine, Integer> write) {
        return new Sysctl(path, path, 1, m -> new int[] {(int) read.applyAsLong(m)}, write == null ? null
                : (m, v) -> write.accept(m, v[0]));
    }

    /** Whether the file takes a value ({@code echo VALUE > PATH}); a sysfs count only reads. */
    public boolean writable() {
        return write != null;
    }

    private static org.mmsim.api.paging.Overcommit commit(SimulatedMachine machine) {
        return machine.processes().overcommit();
    }

    private static org.mmsim.api.paging.TaskLimits limits(SimulatedMachine machine) {
        return machine.processes().limits();
    }

    private static PhysicalMemory mem(SimulatedMachine machine) {
        return machine.physicalMemory();
    }

    private static Sysctl scalar(String name, Function<SimulatedMachine, Integer> read, BiConsumer<SimulatedMachine, Integer> write) {
        return new Sysctl(name, 1, m -> new int[] {read.apply(m)}, (m, v) -> write.accept(m, v[0]));
    }

    /** The name sysctl(8) uses, such as {@code vm.min_free_kbytes}. */
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String render(SimulatedMachine machine) {
        return Arrays.stream(read.apply(machine)).mapToObj(Integer::toString).collect(Collectors.joining("\t")) + "\n";
    }

    /**
     * Writes the tunable, as {@code echo VALUE > FILE} or {@code sysctl NAME=VALUE} does.
     *
     * @throws IllegalArgumentException for a value that is not numbers, or one the handler refuses
     */
    public void write(SimulatedMachine machine, String text) {
        if (write == null) {
            throw new IllegalArgumentException(path + ": Permission denied");
        }
        String[] words = text.trim().split("[\\s,]+");
        if (values > 0 && words.length != values) {
            throw new IllegalArgumentException(name + " takes " + values + " value; found '" + text + "'");
        }
        int[] parsed = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            try {
                parsed[i] = Integer.parseInt(words[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value '" + words[i] + "' for " + name + "; expected an integer");
            }
        }
        write.accept(machine, parsed);
    }
}
