package org.mmsim.tools;

import org.mmsim.api.Machine;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.Interactive;
import org.mmsim.tools.scenario.MachineTools;

/**
 * A machine's console: scenario lines typed one at a time, as {@code ./mm shell} takes them, so a program drives
 * processes as a scenario does ({@code spawn app}, {@code app malloc buf 64M}, {@code app touch buf write},
 * {@code app fork child}, {@code child exit}) and gets back what each line printed, the kernel's log lines included.
 * The console is the machine's own: every {@code Console.of} of one machine types into the same one, and
 * {@code machine.views()} runs its tools there too.
 *
 * <pre>{@code
 * Console console = Console.of(machine);
 * console.run("spawn app");
 * console.run("app malloc buf 64M");
 * console.run("app touch buf write");
 * }</pre>
 */
public final class Console {
    private final Interactive interactive;

    private Console(Interactive interactive) {
        this.interactive = interactive;
    }

    /**
     * The console of a machine booted with {@link Mmsim#boot}.
     *
     * @throws IllegalArgumentException for a machine mmsim did not boot
     */
    public static Console of(Machine machine) {
        if (!(machine instanceof SimulatedMachine) || !(machine.views() instanceof MachineTools)) {
            throw new IllegalArgumentException("a machine booted with Mmsim.boot; got " + machine);
        }
        return new Console(((MachineTools) machine.views()).console());
    }

    /**
     * Runs one scenario line.
     *
     * @return what it printed (empty for a blank or comment line)
     * @throws org.mmsim.spi.BadInputException for a line that cannot be parsed or run ({@code mmsim:N: ...}); the
     *     machine is as it was before the line's step began
     */
    public String run(String line) {
        return interactive.run(line);
    }

    /** Whether the simulated kernel panicked: no line runs after that. */
    public boolean panicked() {
        return interactive.panicked();
    }
}
