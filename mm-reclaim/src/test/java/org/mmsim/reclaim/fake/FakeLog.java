package org.mmsim.reclaim.fake;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.KernelLog;

/** A kernel log that keeps its lines, without timestamps. */
public final class FakeLog implements KernelLog {
    public final List<String> lines = new ArrayList<>();

    @Override
    public void printk(String line) {
        lines.add(line);
    }

    @Override
    public List<String> drain() {
        List<String> out = new ArrayList<>(lines);
        lines.clear();
        return out;
    }
}
