package org.mmsim.tools.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmsim.api.paging.Processes;
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
        // A number names a pid where the tools take a NAME or a pid (ps -p, /proc/N): it would name two tasks.
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            throw session.line().error("process name '" + name + "' is a number; expected a NAME with a letter, as a pid "
                    + "is a number");
        }
        // /proc/self is the reading tool's own directory: a process of that name could not be read by it.
        if (name.equals("self")) {
            throw session.line().error("process name 'self' is /proc/self's, the reading process; expected another NAME");
        }
        checkUnused(session, name, -1);
    }

    /**
     * An error if a task other than {@code pid} that the scenario did not name is called {@code name} (init, kthreadd,
     * kswapd0, ...): ps and top would show two tasks of that name, and pidof-like lookups find the wrong one. The
     * first spawn starts init and the kernel threads, so it is checked once they run, and then ends the new process.
     */
    static void checkUnused(Session session, String name, int pid) {
        Set<Integer> named = new HashSet<>();
        session.variables(Integer.class).forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                named.add(value);
            }
        });
        Processes processes = session.machine().processes();
        for (List<TaskInfo> tasks : List.of(processes.tasks(), processes.kernelThreads())) {
            for (TaskInfo task : tasks) {
                if (task.name().equals(name) && task.pid() != pid && !named.contains(task.pid())) {
                    if (pid >= 0) {
                        processes.exit(pid);
                    }
                    throw session.line().error("process name '" + name + "' is pid " + task.pid() + "'s; expected a "
                            + "NAME no task has");
                }
            }
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
