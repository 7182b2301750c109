package org.mmsim.tools.machine;

import java.util.ArrayList;
import java.util.List;

/** A process a stateful test drives, with the mappings it made there, of the test's own kind {@code R}. */
final class TestTask<R> {
    final int pid;
    final List<R> regions = new ArrayList<>();

    TestTask(int pid) {
        this.pid = pid;
    }
}
