package org.mmsim.tools.scenario;

import com.google.inject.Module;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.ProcFs;
import org.mmsim.api.Views;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.proc.ProcessFiles;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * A machine's /proc and its tools' reports for a program that embeds mmsim: the files render as {@code cat} prints
 * them, and each report runs as its scenario verb would, on a console of the machine's own ({@link #console()}), so
 * the processes a program starts there are the ones {@code ps} and {@code pmap} see.
 */
public final class MachineTools implements ProcFs, Views {
    private final SimulatedMachine machine;
    private final ProcFiles files = ProcFiles.standard();
    private final Interactive console;

    private MachineTools(SimulatedMachine machine, VerbTable verbs) {
        this.machine = machine;
        this.console = new Interactive("mmsim", new Session(machine), verbs);
    }

    /**
     * Boots a machine and attaches its tools.
     *
     * @throws BadInputException if the configuration names a policy, parameter or value the registry does not have
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry) {
        return boot(config, registry, List.of());
    }

    /**
     * Boots a machine with some of its bindings replaced ({@link MachineAssembler#boot(MachineConfig, PolicyRegistry,
     * List)}) and attaches its tools.
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry, List<Module> overrides) {
        SimulatedMachine machine = MachineAssembler.boot(config, registry, overrides);
        MachineTools tools = new MachineTools(machine, VerbTable.standard());
        machine.attachTools(tools, tools);
        return machine;
    }

    /** The console a program types scenario lines into: {@code app = spawn app}, {@code app malloc buf 64M}, ... */
    public Interactive console() {
        return console;
    }

    @Override
    public String read(String path) {
        if (path == null) {
            throw new IllegalArgumentException("read of a null path");
        }
        Matcher perProcess = ProcessFiles.PATH.matcher(path);
        if (!perProcess.matches()) {
            return files.render(path, machine, BadInputException::new);
        }
        String who = perProcess.group(1);
        int pid;
        try {
            pid = Integer.parseInt(who);
            if (!ProcessFiles.isKernelThread(machine, pid)) {
                machine.processes().task(pid);
            }
        } catch (NumberFormatException | SyscallException e) {
            throw new BadInputException(path + ": no process " + who + "; expected the pid of a live process");
        }
        return ProcessFiles.file(machine, pid, perProcess.group(2));
    }

    @Override
    public Collection<String> paths() {
        return files.paths();
    }

    @Override
    public String free(String... options) {
        return run("free", options);
    }

    @Override
    public String vmstat(String... options) {
        return run("vmstat", options);
    }

    @Override
    public String top(String... options) {
        return run("top", options);
    }

    @Override
    public String ps(String... options) {
        return run("ps", options);
    }

    @Override
    public String sar(String... options) {
        return run("sar", options);
    }

    @Override
    public String pmap(String... options) {
        return run("pmap", options);
    }

    @Override
    public String slabtop() {
        return run("slabtop");
    }

    private String run(String tool, String... options) {
        return console.run(tool + (options.length == 0 ? "" : " " + String.join(" ", options)));
    }
}
