package org.mmsim.api;

import java.util.List;
import java.util.Locale;

/**
 * The machine's disk, as far as time goes: the block device's request queue (block/blk-mq.c) serves one request at a
 * time, in order, each taking {@code latencyNanos + bytes / bandwidth}. Files and swap ({@code /swap.img}) are on it.
 *
 * <p>The presets, each a typical device of its kind at queue depth 1:
 * <ul>
 *   <li>{@code virtio} (the default): 100 MiB/s, 100 µs: a cloud VM's virtio disk (AWS gp3's baseline is 125 MiB/s and
 *   3000 IOPS); the bandwidth is {@code INIT_BW} of mm/page-writeback.c, what Linux assumes of a new device;</li>
 *   <li>{@code hdd}: 150 MB/s, 8 ms: a 7200 rpm disk (sequential rate on Seagate's and WD's datasheets; 4.17 ms of
 *   half a rotation plus an average seek of about 4 ms);</li>
 *   <li>{@code ssd}: 500 MB/s, 100 µs: a SATA SSD (SATA 6 Gb/s carries about 550 MB/s; a 4 KiB read at queue depth 1
 *   takes about 0.1 ms);</li>
 *   <li>{@code nvme}: 3 GB/s, 50 µs: a PCIe 3.0 x4 NVMe SSD (about 3.5 GB/s sequential; 4 KiB random reads at queue
 *   depth 1 in 20 to 80 µs).</li>
 * </ul>
 *
 * @param bandwidth bytes per second the disk transfers
 * @param latencyNanos what each request costs before its bytes move (seek, rotation, command), in nanoseconds
 */
public record DiskSpec(long bandwidth, long latencyNanos) {
    /** The presets' names, as the {@code disk} machine key takes them. */
    public static final List<String> PRESETS = List.of("virtio", "hdd", "ssd", "nvme");
    /** The slowest disk taken: 1 MiB/s. */
    public static final long MIN_BANDWIDTH = 1L << 20;
    /** The longest latency taken: one second. */
    public static final long MAX_LATENCY = 1_000_000_000L;

    /** Checks that the bandwidth is at least {@link #MIN_BANDWIDTH} and the latency 0 to {@link #MAX_LATENCY}. */
    public DiskSpec {
        if (bandwidth < MIN_BANDWIDTH) {
            throw new IllegalArgumentException("disk bandwidth " + bandwidth + " bytes/s; expected at least 1M");
        }
        if (latencyNanos < 0 || latencyNanos > MAX_LATENCY) {
            throw new IllegalArgumentException("disk latency " + latencyNanos + " ns; expected 0 to 1s");
        }
    }

    /** The default disk, {@code virtio}. */
    public static DiskSpec defaults() {
        return preset("virtio");
    }

    /**
     * The preset of that name.
     *
     * @throws IllegalArgumentException for a name not in {@link #PRESETS}
     */
    public static DiskSpec preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "virtio" -> new DiskSpec(100L << 20, 100_000);
            case "hdd" -> new DiskSpec(150_000_000L, 8_000_000);
            case "ssd" -> new DiskSpec(500_000_000L, 100_000);
            case "nvme" -> new DiskSpec(3_000_000_000L, 50_000);
            default -> throw new IllegalArgumentException("disk '" + name + "'; expected virtio, hdd, ssd or nvme");
        };
    }

    /** Nanoseconds the disk takes for one request of {@code bytes}: the latency, then the transfer. */
    public long serviceNanos(long bytes) {
        return latencyNanos + Math.round(bytes * 1e9 / bandwidth);
    }
}
