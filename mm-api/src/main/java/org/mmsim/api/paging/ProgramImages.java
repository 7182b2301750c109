package org.mmsim.api.paging;

import java.util.List;
import java.util.Map;

/**
 * The built-in program images (data only), with the segment sizes of real x86-64 Debian binaries (as {@code readelf -lW}
 * and /proc/PID/maps show them on a 6.18 machine; the server's own are rounded): the dynamic loader and
 * libc every program links, a small C program ({@code hello}, like coreutils' cat), a shell ({@code sh}, like dash),
 * and a large server ({@code server}, a database-sized binary linking libm and libstdc++ as well).
 */
public final class ProgramImages {
    private static final long K = 1024;
    private static final ProgramImage LD_SO = ProgramImage.library("ld-linux-x86-64.so.2",
            "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 152 * K, 44 * K, 8 * K, 8 * K, 0);
    private static final ProgramImage LIBC = ProgramImage.library("libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6",
            1368 * K, 484 * K, 16 * K, 8 * K, 52 * K);
    private static final ProgramImage LIBM = ProgramImage.library("libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
            464 * K, 424 * K, 4 * K, 4 * K, 0);
    private static final ProgramImage LIBSTDCXX = ProgramImage.library("libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", 1028 * K, 1056 * K, 44 * K, 12 * K, 12 * K);
    private static final Map<String, ProgramImage> IMAGES = Map.of(
            "ld-linux-x86-64.so.2", LD_SO,
            "hello", new ProgramImage("hello", "/usr/bin/hello", 20 * K, 20 * K, 4 * K, 4 * K, 4 * K, List.of(LIBC),
                    132 * K),
            "sh", new ProgramImage("sh", "/usr/bin/dash", 76 * K, 40 * K, 8 * K, 4 * K, 8 * K, List.of(LIBC), 132 * K),
            "server", new ProgramImage("server", "/usr/sbin/server", 8 * K * K, 2 * K * K, 64 * K, 512 * K, K * K,
                    List.of(LIBSTDCXX, LIBM, LIBC), 132 * K));

    private ProgramImages() {
    }

    /**
     * A built-in image.
     *
     * @throws IllegalArgumentException naming the images there are
     */
    public static ProgramImage builtIn(String name) {
        ProgramImage image = IMAGES.get(name);
        if (image == null || image.stack() == 0 && !name.startsWith("ld-")) {
            throw new IllegalArgumentException("unknown image '" + name + "'; expected hello, sh or server, or one an "
                    + "image line describes");
        }
        return image;
    }

    /** libc, which images described in a scenario link. */
    public static ProgramImage libc() {
        return LIBC;
    }
}
