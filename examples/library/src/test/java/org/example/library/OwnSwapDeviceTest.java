package org.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OwnSwapDeviceTest {
    @Test
    void everyPageSwappedGoesThroughTheProgramsDevice() {
        List<String> lines = Stdout.of(() -> OwnSwapDevice.main(new String[0]));
        Matcher device = Pattern.compile("device: (\\d+) pages written, (\\d+) read, at most (\\d+) held").matcher(lines.get(0));
        Matcher vmstat = Pattern.compile("vmstat: pswpout (\\d+), pswpin (\\d+)").matcher(lines.get(1));
        assertTrue(device.matches() && vmstat.matches(), String.join("\n", lines));
        long written = Long.parseLong(device.group(1));
        // 160 MiB swept on a 128 MiB machine: at least the excess, 8192 pages, was written out and read back.
        assertTrue(written >= 8192, lines.get(0));
        assertTrue(Long.parseLong(device.group(2)) >= 8192, lines.get(0));
        assertEquals(vmstat.group(1), device.group(1), "pswpout counts the device's writes");
        assertEquals(vmstat.group(2), device.group(2), "pswpin counts the device's reads");
    }
}
