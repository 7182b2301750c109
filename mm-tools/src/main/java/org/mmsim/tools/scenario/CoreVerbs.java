package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.units.Durations;

/** The verbs every machine has: printing text, letting time pass, reading /proc and the kernel log. */
final class CoreVerbs {
    private CoreVerbs() {
    }

    static List<Verb> all(ProcFiles files) {
        return List.of(
                Verb.plain("echo", "echo [TEXT...] or echo VALUE > PATH (such as echo 8 > /proc/sys/vm/nr_hugepages)",
                        "print TEXT, or write a tunable's file", (line, usage) -> echo(files, line, usage)),
                Verb.plain("tick", "tick DURATION (such as 1s or 250ms)", "let simulated time pass", CoreVerbs::tick),
                Verb.plain("cat", "cat PATH (such as /proc/vmstat)", "print a /proc file",
                        (line, usage) -> cat(files, line, usage)),
                Verb.plain("grep", "grep [-E] PATTERN PATH", "print the lines of a /proc file that match a regular "
                        + "expression", (line, usage) -> grep(files, line, usage)),
                Verb.plain("pmap", "pmap -x NAME", "print a process's memory map with RSS and dirty sizes",
                        CoreVerbs::pmap),
                Verb.plain("dmesg", "dmesg", "print the kernel log since boot", CoreVerbs::dmesg));
    }

    /**
     * {@code grep [-E] PATTERN PATH}: the lines of a file {@code cat} can print that match an extended regular
     * expression, as {@code grep -E 'pswp|pgmajfault' /proc/vmstat} picks counters out.
     */
    private static Step grep(ProcFiles files, ScenarioLine line, String usage) {
        int first = line.words().size() > 1 && line.words().get(1).equals("-E") ? 2 : 1;
        line.expectWords(first + 2, usage);
        java.util.regex.Pattern pattern;
        try {
            pattern = java.util.regex.Pattern.compile(line.words().get(first));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw line.error("bad pattern '" + line.words().get(first) + "'; expected a regular expression");
        }
        Reader reader = reader(files, line, line.words().get(first + 1));
        return session -> {
            StringBuilder out = new StringBuilder();
            String file = reader.read(session);
            // An empty file (a kernel thread's maps) has no line, not one empty line.
            for (String text : file.isEmpty() ? new String[0] : file.split("\n")) {
                if (pattern.matcher(text).find()) {
                    out.append(text).append('\n');
                }
            }
            if (out.length() > 0) {
                session.print(out.toString());
            }
        };
    }

    /** {@code dmesg}: the kernel's log since boot, each line with its time. */
    private static Step dmesg(ScenarioLine line, String usage) {
        line.expectWords(1, usage);
        return session -> session.machine().kernelLog().dmesg().forEach(session::print);
    }

    /** {@code pmap -x NAME}: the extended memory map of a process, as procps prints it. */
    private static Step pmap(ScenarioLine line, String usage) {
        PmapOptions options = ToolOptions.parse(line, usage, new PmapOptions());
        if (!options.extended) {
            throw line.error("pmap needs -x; expected " + usage);
        }
        if (options.process == null) {
            throw line.error("pmap needs NAME; expected " + usage);
        }
        String who = options.process;
        return session -> session.print(org.mmsim.tools.proc.ProcessFiles.pmap(session.machine(),
                ProcessNames.processOf(session, who)));
    }

    /**
     * {@code echo TEXT...}: prints its words, as the shell's echo does; a scenario's captions. {@code echo VALUE > PATH}
     * writes a tunable of /proc/sys or /sys as the shell's redirection does ({@code sysctl} names the same files).
     */
    private static Step echo(ProcFiles files, ScenarioLine line, String usage) {
        if (line.words().size() == 4 && line.words().get(2).equals(">")) {
            String path = line.words().get(3);
            String value = line.words().get(1);
            if (!(files.file(path, line::error) instanceof org.mmsim.tools.proc.Sysctl sysctl)) {
                throw line.error(path + ": Permission denied; expected a file of /proc/sys or /sys that takes a value");
            }
            return session -> {
                try {
                    sysctl.write(session.machine(), value);
                } catch (IllegalArgumentException e) {
                    throw line.error(e.getMessage());
                }
            };
        }
        String text = String.join(" ", line.words().subList(1, line.words().size()));
        return session -> session.print(text + "\n");
    }

    /** {@code tick DURATION}: lets simulated time pass, running the kernel work that falls due and the loops. */
    private static Step tick(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        long nanos;
        try {
            nanos = Durations.parseNanos(line.words().get(1));
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        return session -> session.pass(nanos);
    }

    /** {@code cat PATH}: prints a /proc file of the machine. */
    private static Step cat(ProcFiles files, ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        Reader reader = reader(files, line, line.words().get(1));
        return session -> session.print(reader.read(session));
    }

    /** What reads a file at run time, checked now: a /proc file, or one of a process's. */
    @FunctionalInterface
    private interface Reader {
        String read(Session session);
    }

    /**
     * {@code /proc/self/FILE}: /proc/self is the process that reads it ({@code proc_self_get_link()}), so, as in a
     * shell, the tool reads its own: a short-lived process named after it (cat, grep) that the shell starts as spawn
     * does (fork of init, execve of the small C program {@code hello}, like coreutils' cat), reads the file as itself
     * and exits. It takes a pid, as the real one does, and its cmdline is the line's words ({@code cat\0/proc/self/
     * cmdline\0}). A fork that fails (EAGAIN at pid_max) says so and goes on.
     */
    private static String readSelf(Session session, List<String> words, String path, String file) {
        String tool = words.get(0);
        org.mmsim.api.paging.Processes processes = session.machine().processes();
        int pid;
        try {
            pid = processes.spawn(tool, org.mmsim.api.paging.ProgramImages.builtIn("hello"));
        } catch (SyscallException e) {
            session.print(tool + ": " + path + ": " + e.getMessage());
            return "";
        }
        try {
            return file.equals("cmdline") ? String.join("\0", words) + "\0"
                    : org.mmsim.tools.proc.ProcessFiles.fileOfReader(session.machine(), pid, file);
        } finally {
            if (ProcessNames.live(session, pid)) {
                processes.exit(pid);
            }
        }
    }

    private static Reader reader(ProcFiles files, ScenarioLine line, String path) {
        java.util.regex.Matcher perProcess = org.mmsim.tools.proc.ProcessFiles.PATH.matcher(path);
        if (perProcess.matches()) {
            String who = perProcess.group(1);
            String file = perProcess.group(2);
            String tool = line.words().get(0);
            if (who.equals("self")) {
                return session -> readSelf(session, line.words(), path, file);
            }
            return session -> {
                try {
                    return org.mmsim.tools.proc.ProcessFiles.file(session.machine(), ProcessNames.processOf(session, who),
                            file);
                } catch (SyscallException e) {
                    if (!e.errno().equals("ESRCH")) {
                        throw e;
                    }
                    // A kernel thread's smaps_rollup: the read fails with ESRCH, the tool says so and the scenario goes on.
                    session.print(tool + ": " + path + ": No such process\n");
                    return "";
                }
            };
        }
        files.file(path, line::error);
        return session -> files.render(path, session.machine(), line::error);
    }
}
