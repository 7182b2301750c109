package org.mmsim.api.physical;

import java.util.ArrayList;
import java.util.List;

/**
 * GFP ("get free pages") flags: how an allocation may be satisfied, as include/linux/gfp_types.h defines the bits
 * and the common combinations. A GFP mask is a plain {@code int}; {@link #describe(int)} prints it as the kernel's
 * {@code %pGg} does.
 */
public final class Gfp {
    /** Zone modifiers: which zones the allocation may use ({@code gfp_zone()}). */
    public static final int __GFP_DMA = 0x01;
    public static final int __GFP_HIGHMEM = 0x02;
    public static final int __GFP_DMA32 = 0x04;
    public static final int __GFP_MOVABLE = 0x08;
    /** Mobility: reclaimable kernel memory such as dentries ({@code gfp_migratetype()} gives MIGRATE_RECLAIMABLE). */
    public static final int __GFP_RECLAIMABLE = 0x10;
    /** High priority: may use part of the reserve below the min watermark. */
    public static final int __GFP_HIGH = 0x20;
    /** May start physical I/O. */
    public static final int __GFP_IO = 0x40;
    /** May call into the filesystem. */
    public static final int __GFP_FS = 0x80;
    /** Return zeroed pages. */
    public static final int __GFP_ZERO = 0x100;
    /** May enter direct reclaim. */
    public static final int __GFP_DIRECT_RECLAIM = 0x400;
    /** May wake kswapd when below the low watermark. */
    public static final int __GFP_KSWAPD_RECLAIM = 0x800;
    public static final int __GFP_WRITE = 0x1000;
    /** Do not print a warning on failure. */
    public static final int __GFP_NOWARN = 0x2000;
    /** Retry hard, but fail rather than invoke the OOM killer. */
    public static final int __GFP_RETRY_MAYFAIL = 0x4000;
    /** Must not fail: retry forever. */
    public static final int __GFP_NOFAIL = 0x8000;
    /** Give up after one round of reclaim. */
    public static final int __GFP_NORETRY = 0x10000;
    public static final int __GFP_MEMALLOC = 0x20000;
    public static final int __GFP_COMP = 0x40000;
    public static final int __GFP_NOMEMALLOC = 0x80000;
    public static final int __GFP_HARDWALL = 0x100000;
    public static final int __GFP_THISNODE = 0x200000;
    public static final int __GFP_ACCOUNT = 0x400000;

    public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
    public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
    public static final int GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
    public static final int GFP_KERNEL_ACCOUNT = GFP_KERNEL | __GFP_ACCOUNT;
    public static final int GFP_NOWAIT = __GFP_KSWAPD_RECLAIM | __GFP_NOWARN;
    public static final int GFP_NOIO = __GFP_RECLAIM;
    public static final int GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
    public static final int GFP_USER = __GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL;
    public static final int GFP_DMA = __GFP_DMA;
    public static final int GFP_DMA32 = __GFP_DMA32;
    public static final int GFP_HIGHUSER = GFP_USER | __GFP_HIGHMEM;
    public static final int GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | __GFP_MOVABLE;
    /** A transparent huge page, without reclaim or warnings. */
    public static final int GFP_TRANSHUGE_LIGHT = (GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN)
            & ~__GFP_RECLAIM;
    /** A transparent huge page, with direct reclaim. */
    public static final int GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM;

    /** The zone modifier bits. */
    public static final int GFP_ZONEMASK = __GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE;

    /**
     * Composite names first, then single flags in bit order: the order {@code %pGg} tries them in Linux 6.18
     * ({@code __def_gfpflag_names} in include/trace/events/mmflags.h).
     */
    private static final Object[][] NAMES = {
        {GFP_TRANSHUGE, "GFP_TRANSHUGE"},
        {GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT"},
        {GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"},
        {GFP_HIGHUSER, "GFP_HIGHUSER"},
        {GFP_USER, "GFP_USER"},
        {GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT"},
        {GFP_KERNEL, "GFP_KERNEL"},
        {GFP_NOFS, "GFP_NOFS"},
        {GFP_ATOMIC, "GFP_ATOMIC"},
        {GFP_NOIO, "GFP_NOIO"},
        {GFP_NOWAIT, "GFP_NOWAIT"},
        {GFP_DMA, "GFP_DMA"},
        {GFP_DMA32, "GFP_DMA32"},
        {__GFP_RECLAIM, "__GFP_RECLAIM"},
        {__GFP_DMA, "__GFP_DMA"},
        {__GFP_HIGHMEM, "__GFP_HIGHMEM"},
        {__GFP_DMA32, "__GFP_DMA32"},
        {__GFP_MOVABLE, "__GFP_MOVABLE"},
        {__GFP_RECLAIMABLE, "__GFP_RECLAIMABLE"},
        {__GFP_HIGH, "__GFP_HIGH"},
        {__GFP_IO, "__GFP_IO"},
        {__GFP_FS, "__GFP_FS"},
        {__GFP_ZERO, "__GFP_ZERO"},
        {__GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"},
        {__GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"},
        {__GFP_WRITE, "__GFP_WRITE"},
        {__GFP_NOWARN, "__GFP_NOWARN"},
        {__GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL"},
        {__GFP_NOFAIL, "__GFP_NOFAIL"},
        {__GFP_NORETRY, "__GFP_NORETRY"},
        {__GFP_MEMALLOC, "__GFP_MEMALLOC"},
        {__GFP_COMP, "__GFP_COMP"},
        {__GFP_NOMEMALLOC, "__GFP_NOMEMALLOC"},
        {__GFP_HARDWALL, "__GFP_HARDWALL"},
        {__GFP_THISNODE, "__GFP_THISNODE"},
        {__GFP_ACCOUNT, "__GFP_ACCOUNT"},
    };

    private Gfp() {
    }

    /**
     * The mask as {@code %pGg} prints it: hex, then the names that cover it, such as {@code 0xcc0(GFP_KERNEL)} or
     * {@code 0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)}.
     */
    public static String describe(int gfp) {
        List<String> names = new ArrayList<>();
        int left = gfp;
        for (Object[] entry : NAMES) {
            int mask = (Integer) entry[0];
            if (mask != 0 && (left & mask) == mask) {
                names.add((String) entry[1]);
                left &= ~mask;
            }
        }
        if (left != 0) {
            names.add(String.format("%#x", left));
        }
        return String.format("%#x(%s)", gfp, names.isEmpty() ? "none" : String.join("|", names));
    }

    /**
     * The mask a name stands for, for parsing {@code gfp=GFP_KERNEL|__GFP_ZERO} in scenarios.
     *
     * @throws IllegalArgumentException for a name this class does not know
     */
    public static int byName(String name) {
        for (Object[] entry : NAMES) {
            if (entry[1].equals(name)) {
                return (Integer) entry[0];
            }
        }
        throw new IllegalArgumentException("unknown GFP flag '" + name + "'; expected a name such as GFP_KERNEL, GFP_ATOMIC, "
                + "GFP_HIGHUSER_MOVABLE or __GFP_ZERO");
    }
}
