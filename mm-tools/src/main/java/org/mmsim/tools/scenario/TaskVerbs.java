package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskInfo;

/**
 * A process's life, as kernel/fork.c, fs/exec.c and kernel/exit.c make it: {@code spawn} starts a program a scenario
 * names ({@code image} describes one), {@code NAME fork}, {@code NAME exec} and {@code NAME exit} are the system
 * calls, and {@code NAME report} prints the high-water marks a process leaves.
 */
final class TaskVerbs {
    private TaskVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("spawn", "spawn NAME [image=hello|sh|server|NAME-of-an-image-line]",
                        "start a program (fork + execve)", TaskVerbs::spawn).startingProcess(1),
                Verb.plain("image", "image NAME text=SIZE [rodata=SIZE] [relro=SIZE] [data=SIZE] [bss=SIZE] [stack=SIZE]",
                        "describe a program's ELF segments (it links libc)", TaskVerbs::image),
                Verb.perProcess("fork", "NAME fork CHILD", "fork: the child shares every page copy-on-write",
                        TaskVerbs::fork).startingProcess(2),
                Verb.perProcess("exec", "NAME exec IMAGE", "execve: a new program replaces the address space",
                        TaskVerbs::exec),
                Verb.perProcess("exit", "NAME exit", "exit: the address space is torn down", TaskVerbs::exit),
                Verb.perProcess("report", "NAME report LABEL", "print the process's VmHWM and VmSize",
                        TaskVerbs::report));
    }

    /** The image a line names: one an {@code image} line described, or a built-in program. */
    static ProgramImage imageNamed(Session session, String name) {
        ProgramImage described = session.variables(ProgramImage.class).get("image:" + name);
        if (described != null) {
            return described;
        }
        try {
            return ProgramImages.builtIn(name);
        } catch (IllegalArgumentException e) {
            throw session.line().error(e.getMessage());
        }
    }

    /** {@code spawn NAME [image=IMAGE]}: fork + execve of a program, named NAME in the scenario. */
    private static Step spawn(ScenarioLine line, String usage) {
        String name = line.word(1, "NAME", usage);
        Map<String, String> options = line.options(2, usage, List.of("image"));
        String imageName = options.getOrDefault("image", "hello");
        return session -> {
            ProcessNames.checkNew(session, name);
            ProgramImage image = imageNamed(session, imageName);
            int pid;
            try {
                pid = session.machine().processes().spawn(name, image);
            } catch (SyscallException e) {
                // As a shell says when its fork fails (EAGAIN at kernel.threads-max or pid_max), and goes on.
                session.print("spawn " + name + ": " + e.getMessage());
                return;
            }
            ProcessNames.checkUnused(session, name, pid);
            ProcessNames.bind(session, name, pid);
        };
    }

    /** {@code image NAME text=SIZE [rodata=SIZE] [relro=SIZE] [data=SIZE] [bss=SIZE] [stack=SIZE]}: describes a program. */
    private static Step image(ScenarioLine line, String usage) {
        String name = line.word(1, "NAME", usage);
        Map<String, String> o = line.options(2, usage, List.of("text", "rodata", "relro", "data", "bss", "stack"));
        ProgramImage image = new ProgramImage(name, "/usr/local/bin/" + name, line.size(o.getOrDefault("text", "4K")),
                line.size(o.getOrDefault("rodata", "4K")), line.size(o.getOrDefault("relro", "0")),
                line.size(o.getOrDefault("data", "4K")),
                line.size(o.getOrDefault("bss", "0")), List.of(ProgramImages.libc()),
                line.size(o.getOrDefault("stack", "132K")));
        return session -> session.bind("image:" + name, image);
    }

    /** {@code NAME fork CHILD}. */
    private static Step fork(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String child = line.words().get(2);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            ProcessNames.checkNew(session, child);
            Perror.syscall(session, process, "fork", () -> ProcessNames.bind(session, child,
                    session.machine().processes().fork(pid, child)));
        };
    }

    /** {@code NAME exec IMAGE}. */
    private static Step exec(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String imageName = line.words().get(2);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            ProgramImage image = imageNamed(session, imageName);
            Perror.syscall(session, process, "execve", () -> session.machine().processes().exec(pid, image));
        };
    }

    /** {@code NAME exit}. */
    private static Step exit(String process, ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        return session -> {
            session.machine().processes().exit(ProcessNames.pidOf(session, process));
            ProcessNames.forget(session, process);
        };
    }

    /** {@code NAME report LABEL}: prints {@code LABEL: max RSS = N kB; vm size = N kB} (VmHWM and VmSize). */
    private static Step report(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String label = line.words().get(2);
        return session -> {
            TaskInfo t = session.machine().processes().task(ProcessNames.pidOf(session, process));
            MmCounters c = t.counters();
            session.print(String.format("%s: max RSS = %d kB; vm size = %d kB", label,
                    Math.max(c.hiwaterRss(), c.rss()) << 2, c.totalVm() << 2));
        };
    }
}
