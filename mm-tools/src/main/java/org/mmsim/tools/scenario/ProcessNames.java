package org.mmsim.tools.scenario;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskInfo;

/**
 * The names a scenario gives its processes ({@code spawn NAME}, {@code NAME fork CHILD}), kept as session variables:
 * a line names a process by them, and a name is free again once its process is gone.
 */
final class ProcessNames {
    private static final String PREFIX = "process:";

    private ProcessNames() {
    }

    /** The pid of the process {@code name} names, or an error. */
    static int pidOf(Session session, String name) {
        Integer pid = session.variables(Integer.class).get(PREFIX + name);
        if (pid == null) {
            throw session.line().error("no process named '" + name + "'; expected a NAME from spawn or fork");
        }
        return pid;
    }

    /** An error if {@code name} already names a live process: a second one would leave the first unreachable. */
    static void checkNew(Session session, String name) {
        Integer pid = session.variables(Integer.class).get(PREFIX + name);
        if (pid != null) {
            throw session.line().error("process '" + name + "' exists (pid " + pid + "); expected a new NAME");
        }
    }

    /** Names a process the scenario started. */
    static void bind(Session session, String name, int pid) {
        session.bind(PREFIX + name, pid);
    }

    /** Frees the name of a process that ended. */
    static void forget(Session session, String name) {
        session.unbind(PREFIX + name);
    }

    /**
     * The task a /proc path or pmap names: a NAME from spawn or fork, or the pid of a live process or of a kernel
     * thread.
     */
    static int processOf(Session session, String who) {
        if (who.isEmpty() || !who.chars().allMatch(Character::isDigit)) {
            return pidOf(session, who);
        }
        try {
            int pid = Integer.parseInt(who);
            session.machine().processes().task(pid);
            return pid;
        } catch (NumberFormatException | SyscallException e) {
            for (TaskInfo thread : session.machine().processes().kernelThreads()) {
                if (Integer.toString(thread.pid()).equals(who)) {
                    return thread.pid();
                }
            }
            throw session.line().error("no process " + who + "; expected the pid of a live process or a NAME from spawn or fork");
        }
    }

    /** Whether {@code pid} is a process that has not ended. */
    static boolean live(Session session, int pid) {
        return session.machine().processes().tasks().stream().anyMatch(t -> t.pid() == pid);
    }

    /**
     * After each line: the scenario's processes that are gone without exit or SIGSEGV were killed by the OOM
     * killer (SIGKILL); each prints {@code NAME: Killed}, as a shell reports a job killed by SIGKILL, and its name is
     * free again.
     */
    static void forgetKilled(Session session) {
        Set<Integer> alive = new HashSet<>();
        session.machine().processes().tasks().forEach(t -> alive.add(t.pid()));
        session.variables(Integer.class).entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX) && !alive.contains(e.getValue()))
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> {
                    session.print(e.getKey().substring(PREFIX.length()) + ": Killed");
                    session.unbind(e.getKey());
                });
    }
}
