package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineListener;
import org.mmsim.api.OomKillEvent;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;

/** The library's doors on a machine, used as a program that embeds mmsim uses them. */
class LibraryTest {
    private static Machine small() {
        return Mmsim.boot(MachineConfig.builder().ramBytes(256L << 20).swapBytes(0).build());
    }

    @Test
    void theCountersPrintAsVmstatLinesAndReadAsAMap() {
        Machine machine = small();
        Console.of(machine).run("spawn app");
        Console.of(machine).run("app malloc buf 1M");
        Console.of(machine).run("app touch buf write");
        String text = machine.vmstat().toString();
        assertTrue(text.startsWith("nr_free_pages " + machine.vmstat().asMap().get("nr_free_pages") + "\n"), text);
        long pgfault = machine.vmstat().asMap().get("pgfault");
        assertTrue(pgfault >= 256, "a 1 MiB buffer touched page by page faults 256 times at least: " + pgfault);
        assertTrue(text.contains("\npgfault " + pgfault + "\n"));
    }

    /**
     * A C program on this project's Linux 6.18 box, {@code p = malloc(64 << 20)} then a write to every 4096th byte and
     * to the last, takes 2 minor faults in malloc and 16384 in the sweep (getrusage's ru_minflt): the chunk's 16385
     * pages (64 MiB and the page its 16-byte header pushes the end into) and one in the brk heap, where glibc puts its
     * tcache on the first call. mmsim's glibc keeps no tcache and writes no header until the program does, so the
     * chunk's 16385 pages all fault in the sweep.
     */
    @Test
    void processesRunWithTypedCallsAndFaultAsOnLinux() {
        Machine machine = small();
        Processes processes = machine.processes();
        int pid = processes.spawn("app", ProgramImages.builtIn("hello"));
        long before = processes.task(pid).minFlt();
        long buf = processes.malloc(pid, 64L << 20);
        assertEquals(Processes.MINOR_FAULT, processes.touch(pid, buf, 64L << 20, AccessType.WRITE));
        assertEquals(16385, processes.task(pid).minFlt() - before);
        assertEquals(Processes.NO_FAULT, processes.touch(pid, buf, 64L << 20, AccessType.READ), "all there now");
        assertThrows(IllegalArgumentException.class, () -> processes.touch(pid, buf, -1, AccessType.READ));
        int child = processes.fork(pid, "child");
        assertEquals(Processes.MINOR_FAULT, processes.touch(child, buf, 4096, AccessType.WRITE), "copy-on-write");
        assertEquals(Processes.SIGSEGV, processes.touch(child, 0x1000, 4096, AccessType.READ), "nothing mapped at 4 KiB");
        processes.exit(child);
        processes.free(pid, buf);
        assertEquals(Processes.SIGSEGV, processes.touch(pid, buf, 1, AccessType.READ), "free gave the mapping back");
    }

    @Test
    void aListenerHearsEveryPageFaultPgfaultCounts() {
        Machine machine = small();
        Console console = Console.of(machine);
        console.run("spawn app");
        console.run("app malloc buf 1M");
        List<String> heard = new ArrayList<>();
        machine.events().add(new MachineListener() {
            @Override
            public void pageFault(long nanos, int pid, long address, boolean write, boolean major) {
                heard.add(pid + (write ? " w " : " r ") + (major ? "major" : "minor"));
            }
        });
        long before = machine.vmstat().asMap().get("pgfault");
        console.run("app touch buf write");
        assertEquals(machine.vmstat().asMap().get("pgfault") - before, heard.size(), "one event a fault pgfault counts");
        assertTrue(heard.stream().allMatch(h -> h.endsWith(" w minor")), heard.toString());
    }

    @Test
    void procFilesReadAsCatPrintsThem() {
        Machine machine = small();
        Console console = Console.of(machine);
        console.run("spawn app");  // the name it is spawned as is its command name
        String meminfo = machine.proc().read("/proc/meminfo");
        assertTrue(meminfo.startsWith("MemTotal:"), meminfo);
        assertEquals(meminfo, console.run("cat /proc/meminfo"), "the same text the scenario verb prints");
        assertEquals(machine.proc().read("/proc/vmstat"), console.run("cat /proc/vmstat"));
        String pid = console.run("ps -o pid,comm").lines().filter(l -> l.endsWith(" app")).findFirst().orElseThrow()
                .trim().split(" +")[0];
        assertEquals(console.run("cat /proc/app/status"), machine.proc().read("/proc/" + pid + "/status"));
        assertTrue(machine.proc().paths().contains("/proc/sys/vm/swappiness"));
        BadInputException bad = assertThrows(BadInputException.class, () -> machine.proc().read("/proc/meminfoo"));
        assertEquals("no such file '/proc/meminfoo'; did you mean '/proc/meminfo'?", bad.getMessage());
        String far = assertThrows(BadInputException.class, () -> machine.proc().read("/proc/cpuinfo")).getMessage();
        assertTrue(far.startsWith("no such file '/proc/cpuinfo'; expected one of ") && far.contains("/proc/vmstat"), far);
        assertThrows(BadInputException.class, () -> machine.proc().read("/proc/99999/status"));
    }

    @Test
    void theToolsViewsAreTheScenarioVerbsOutput() {
        Machine machine = small();
        String free = machine.views().free("-m");
        long totalMib = machine.physicalMemory().totalRamPages() * 4096 >> 20;
        assertTrue(free.startsWith("               total        used        free      shared  buff/cache   available\nMem:"
                + String.format("%16d ", totalMib)), "procps' layout, in MiB: " + free);
        assertEquals(2, machine.views().vmstat().lines().count() - 1, "vmstat: two header lines and one since boot");
        Console.of(machine).run("spawn app");
        String ps = machine.views().ps("-e", "-o", "pid,comm");
        assertTrue(ps.contains(" kswapd0\n"), ps);
        long before = machine.clock().nanos();
        machine.views().vmstat("1", "3");
        assertEquals(2_000_000_000L, machine.clock().nanos() - before, "vmstat 1 3 lets two seconds pass");
    }

    @Test
    void aByteOrderMarkBeforeAScenarioTextIsNotPartOfItsFirstLine() {
        assertEquals("hello\n", Scenario.parse("\ufeffmachine ram=512M swap=0\necho hello\n").run().printedBy(2));
    }

    @Test
    void aScenarioRunsOnItsOwnMachineOrOnOneGiven() {
        ScenarioRun run = Scenario.parse("machine ram=512M swap=0\necho hello\ntick 1s\ncat /proc/uptime\n").run();
        assertEquals("hello\n", run.printedBy(2));
        // The boot took 0.02 s (init reading its image from the disk), both CPUs idle.
        assertEquals("1.02 2.04\n", run.printedBy(4), "two idle CPUs for one second after the boot");
        assertEquals(512L << 20, run.machine().config().ramBytes());
        assertTrue(run.panic().isEmpty());

        Machine machine = small();
        ScenarioRun on = Scenario.parse("spawn app\napp malloc buf 4M\napp touch buf write\napp report buf\n").run(machine);
        assertTrue(on.printedBy(4).startsWith("buf: max RSS = "), on.text());
        BadInputException machineLine = assertThrows(BadInputException.class,
                () -> Scenario.parse("machine ram=1G\n").run(machine));
        assertTrue(machineLine.getMessage().startsWith("scenario:1: a machine line, but the machine has booted"));
        BadInputException badVerb = assertThrows(BadInputException.class, () -> Scenario.parse("echo a\nfrobnicate\n").run());
        assertTrue(badVerb.getMessage().startsWith("scenario:2: "), badVerb.getMessage());
    }

    /** Tells who the OOM killer killed, as a user interface would show it. */
    private static final class Kills implements MachineListener {
        final List<OomKillEvent> kills = new ArrayList<>();
        int kswapdWakes;

        @Override
        public void oomKill(OomKillEvent kill) {
            kills.add(kill);
        }

        @Override
        public void kswapdWake(long nanos, int node) {
            kswapdWakes++;
        }
    }

    @Test
    void aListenerHearsTheOomKillWithTheFiguresOfTheKernelsLine() {
        Machine machine = small();
        Kills heard = new Kills();
        machine.events().add(heard);
        String printed = hogRunsOutOfMemory(Console.of(machine));
        assertEquals(1, heard.kills.size(), printed);
        OomKillEvent kill = heard.kills.get(0);
        assertEquals("hog", kill.name());
        assertTrue(printed.contains("Killed process " + kill.pid() + " (hog) total-vm:" + kill.totalVmKb() + "kB, anon-rss:"
                + kill.anonRssKb() + "kB, file-rss:" + kill.fileRssKb() + "kB, shmem-rss:" + kill.shmemRssKb() + "kB"), printed);
        assertTrue(heard.kswapdWakes > 0, "memory ran short: kswapd was woken first");
        assertEquals(machine.vmstat().asMap().get("oom_kill"), 1L);
    }

    /** A program on a 256 MiB machine without swap that touches 300 MiB; what its lines printed. */
    private static String hogRunsOutOfMemory(Console console) {
        console.run("image hog text=128K");
        console.run("spawn hog image=hog");
        console.run("hog malloc a 150M");
        console.run("hog malloc b 150M");
        return console.run("hog touch a write") + console.run("hog touch b write");
    }

    /** An OOM victim choice of a program's own: the killable task with the smallest resident set. */
    /** A replacement for a part of the kernel that cannot even be made. */
    public static final class Unmade implements OomVictimSelector {
        public Unmade() {
            throw new IllegalStateException("cannot be made");
        }

        @Override
        public String policyName() {
            return "unmade";
        }

        @Override
        public OomDecision selectBadProcess(OomRequest request) {
            return OomDecision.panic("none");
        }
    }

    /** One that runs the heap out as it is made, as a machine too large for it does. */
    public static final class TooLarge implements OomVictimSelector {
        public TooLarge() {
            throw new OutOfMemoryError("Java heap space");
        }

        @Override
        public String policyName() {
            return "too-large";
        }

        @Override
        public OomDecision selectBadProcess(OomRequest request) {
            return OomDecision.panic("none");
        }
    }

    @Test
    void whatALayerThrowsWhileTheMachineBootsIsThrownAsItIsNotWrapped() {
        MachineConfig config = MachineConfig.builder().ramBytes(256L << 20).swapBytes(0).build();
        IllegalStateException unmade = assertThrows(IllegalStateException.class,
                () -> Mmsim.boot(config, binder -> binder.bind(OomVictimSelector.class).to(Unmade.class)));
        assertEquals("cannot be made", unmade.getMessage());
        BadInputException tooLarge = assertThrows(BadInputException.class,
                () -> Mmsim.boot(config, binder -> binder.bind(OomVictimSelector.class).to(TooLarge.class)));
        assertTrue(tooLarge.getMessage().startsWith("ram 256M: this machine needs about 16 MiB of heap and the JVM has "),
                tooLarge.getMessage());
    }

    public static final class SmallestFirst implements OomVictimSelector {
        @Override
        public String policyName() {
            return "smallest-first";
        }

        @Override
        public OomDecision selectBadProcess(OomRequest request) {
            return new OomDecision.Kill(request.candidates().stream().filter(c -> c.exemption() == OomExemption.NONE)
                    .min(java.util.Comparator.comparingLong(OomCandidate::rss)).orElseThrow().pid());
        }
    }

    @Test
    void aPartOfTheKernelIsReplacedThroughGuice() {
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(256L << 20).swapBytes(0).build(),
                binder -> binder.bind(OomVictimSelector.class).to(SmallestFirst.class));
        Kills heard = new Kills();
        machine.events().add(heard);
        Console console = Console.of(machine);
        console.run("image small text=128K");
        console.run("spawn small image=small");
        console.run("small malloc a 8M");
        console.run("small touch a write");
        hogRunsOutOfMemory(console);
        assertEquals("small", heard.kills.get(0).name(), "the replaced selector kills the smallest, not the biggest");
    }
}
