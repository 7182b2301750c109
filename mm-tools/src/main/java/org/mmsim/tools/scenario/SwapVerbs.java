package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.reclaim.Swap;

/**
 * The swap verbs: {@code swapon PATH size=SIZE [prio=N]} (mkswap and swapon of a new file, or of a partition under
 * /dev) and {@code swapoff PATH}, as swapon(8) and swapoff(8) do them. An area without a priority gets the next
 * negative one, -2, -3, ..., as Linux hands them out. A swapoff that runs out of memory prints swapoff(8)'s error,
 * and the area stays.
 */
final class SwapVerbs {
    private SwapVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("swapon", "swapon PATH size=SIZE [prio=N]", "add a swap area (a file, or a partition under "
                        + "/dev) of SIZE, at priority N (-1 to 32767; none: -2, -3, ...)", SwapVerbs::swapon),
                Verb.plain("swapoff", "swapoff PATH", "remove a swap area, bringing its pages back into memory",
                        SwapVerbs::swapoff));
    }

    /** {@code swapon PATH size=SIZE [prio=N]}. */
    private static Step swapon(ScenarioLine line, String usage) {
        String path = line.word(1, "PATH", usage);
        if (!path.startsWith("/")) {
            throw line.error("swap path '" + path + "'; expected an absolute path such as /swapfile");
        }
        Map<String, String> options = line.options(2, usage, List.of("size", "prio"));
        if (!options.containsKey("size")) {
            throw line.error("swapon needs size=SIZE; expected " + usage);
        }
        long bytes = line.size(options.get("size"));
        if (bytes < MachineConfig.MIN_SWAP || bytes > MachineConfig.MAX_SWAP) {
            throw line.error("size " + options.get("size") + "; expected 40K (10 pages, mkswap's least) to 4T");
        }
        int prio = -1;
        if (options.containsKey("prio")) {
            try {
                prio = Integer.parseInt(options.get("prio"));
            } catch (NumberFormatException e) {
                prio = Integer.MIN_VALUE;
            }
            if (prio < -1 || prio > 32767) {
                throw line.error("prio " + options.get("prio") + "; expected -1 to 32767");
            }
        }
        long pages = bytes / MachineConfig.PAGE_SIZE;
        int priority = prio;
        return session -> {
            try {
                session.machine().swap().swapon(path, pages, priority);
            } catch (SyscallException e) {
                throw line.error(e.getMessage());
            }
        };
    }

    /** {@code swapoff PATH}. */
    private static Step swapoff(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String path = line.words().get(1);
        return session -> {
            Swap swap = session.machine().swap();
            try {
                swap.swapoff(path);
            } catch (SyscallException e) {
                throw line.error(e.getMessage());
            } catch (IllegalStateException e) {
                session.print("swapoff: " + e.getMessage());
            }
        };
    }
}
