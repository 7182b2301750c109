package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.hw.HardwareViews;
import org.mmsim.tools.hw.Lscpu;

/**
 * The verbs that show the processor and the memory architecture: {@code lscpu}, {@code getconf}, and
 * {@code numactl --hardware} (numactl's verb is {@link NumaVerbs}'s).
 */
final class HardwareVerbs {
    private HardwareVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("lscpu", "lscpu [-C]", "the CPUs and their caches, as util-linux's lscpu prints them "
                        + "(-C: the caches' table)", HardwareVerbs::lscpu),
                Verb.plain("getconf", "getconf NAME (such as getconf LEVEL1_DCACHE_LINESIZE)", "a sysconf() variable: "
                        + "the caches' sizes, ways and line sizes, the page size, the CPUs, the pages", HardwareVerbs::getconf));
    }

    private static Step lscpu(ScenarioLine line, String usage) {
        List<String> words = line.words();
        if (words.size() == 1) {
            return session -> session.print(Lscpu.summary(session.machine().config()));
        }
        line.expectWords(2, usage);
        if (!words.get(1).equals("-C") && !words.get(1).equals("--caches")) {
            throw line.error("lscpu option '" + words.get(1) + "'; expected " + usage);
        }
        return session -> session.print(Lscpu.caches(session.machine().config()));
    }

    private static Step getconf(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String name = line.words().get(1);
        return session -> {
            Map<String, Long> values = HardwareViews.getconf(session.machine().config(),
                    session.machine().physicalMemory());
            Long value = values.get(name);
            if (value == null) {
                throw line.error(NearestName.unknown("getconf variable", name, values.keySet()));
            }
            session.print(value + "\n");
        };
    }

    /** {@code numactl --hardware}: the nodes' CPUs, sizes and free memory, and the distances between them. */
    static Step numactlHardware() {
        return session -> session.print(HardwareViews.numactlHardware(session.machine().config(),
                session.machine().physicalMemory()));
    }
}
