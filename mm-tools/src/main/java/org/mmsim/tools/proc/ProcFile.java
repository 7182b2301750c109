package org.mmsim.tools.proc;

import org.mmsim.tools.machine.SimulatedMachine;

/** A file of the simulated machine's /proc, rendered in the kernel's own layout from the machine's state. */
public interface ProcFile {
    /** The path, such as {@code /proc/vmstat}. */
    String path();

    /** The file's text as {@code cat} prints it. */
    String render(SimulatedMachine machine);
}
