package org.mmsim.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.mmsim.tools.proc.LinuxSamples;

/**
 * {@code free} against the real machine of linux-6.18-samples: its meminfo at the moment of the samples (the free
 * figures say what it was: used = MemTotal − MemAvailable, buff/cache = Buffers + Cached + SReclaimable) gives back
 * {@code free}, {@code free -m} and {@code free -h -w} byte for byte.
 */
class FreeTest {
    private static final Meminfo AT_THE_SAMPLE = Meminfo.parse(String.join("\n",
            "MemTotal:       24684084 kB",
            "MemFree:        24569080 kB",
            "MemAvailable:   24464588 kB",
            "Buffers:            1072 kB",
            "Cached:            22388 kB",
            "SwapTotal:             0 kB",
            "SwapFree:              0 kB",
            "Shmem:              8872 kB",
            "SReclaimable:      13656 kB"));

    private static String sample(String name) throws IOException {
        return Files.readString(LinuxSamples.path(name));
    }

    @Test
    void kibibytesAsTheDefault() throws IOException {
        assertEquals(sample("free.txt"), Free.render(AT_THE_SAMPLE, Free.Unit.KIBI, false));
    }

    @Test
    void mebibytesTruncated() throws IOException {
        assertEquals(sample("free-m.txt"), Free.render(AT_THE_SAMPLE, Free.Unit.MEBI, false));
    }

    @Test
    void humanAndWide() throws IOException {
        assertEquals(sample("free-hw.txt"), Free.render(AT_THE_SAMPLE, Free.Unit.HUMAN, true));
    }

    @Test
    void humanScaleFollowsScaleSize() {
        assertEquals("0B", Free.scale(0, Free.Unit.HUMAN));
        assertEquals("512Ki", Free.scale(512, Free.Unit.HUMAN));
        assertEquals("1.0Mi", Free.scale(1072, Free.Unit.HUMAN));
        assertEquals("9.9Gi", Free.scale(10380902, Free.Unit.HUMAN));
        assertEquals("1.0Ti", Free.scale(1L << 30, Free.Unit.HUMAN));
    }
}
