package org.mmsim.tools.scenario;

import org.mmsim.api.paging.SyscallException;

/**
 * A system call a scenario's process makes: a failure prints what perror(3) would, {@code NAME: CALL: ERROR}, and the
 * scenario goes on.
 */
final class Perror {
    private Perror() {
    }

    /**
     * Runs a system call of {@code process}. A process the OOM killer killed during the call prints nothing: it never
     * returned to check.
     */
    static void syscall(Session session, String process, String call, Runnable body) {
        try {
            body.run();
        } catch (SyscallException e) {
            if (ProcessNames.live(session, ProcessNames.pidOf(session, process))) {
                session.print(process + ": " + call + ": " + e.getMessage());
            }
        }
    }
}
