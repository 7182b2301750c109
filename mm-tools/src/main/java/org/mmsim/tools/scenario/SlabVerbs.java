package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.kalloc.SlabReport;
import org.mmsim.api.physical.Gfp;
import org.mmsim.tools.proc.Slabtop;
import org.mmsim.tools.units.Sizes;

/**
 * The slab allocator's verbs, as a kernel module would call it: {@code kmalloc}, {@code kfree}, the
 * {@code kmem_cache_*} calls, {@code slabtop}, and {@code kwrite} and {@code slab_validate} for the slub_debug
 * checks. A variable keeps its address after it is freed, as a dangling pointer does, so a scenario can free it
 * twice or write into it; what SLUB finds is printed as its report, and the scenario goes on.
 */
final class SlabVerbs {
    private SlabVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("kmalloc", "kmalloc VAR SIZE [gfp=FLAGS] (FLAGS such as GFP_KERNEL, "
                        + "GFP_KERNEL|__GFP_RECLAIMABLE, GFP_DMA|GFP_KERNEL)",
                        "allocate kernel memory from the kmalloc caches (or pages, above 8 KiB)", SlabVerbs::kmalloc),
                Verb.plain("kfree", "kfree VAR", "free a kmalloc object (a second kfree is a double free)",
                        SlabVerbs::kfree),
                Verb.plain("kmem_cache_create", "kmem_cache_create NAME size=N [align=N] "
                        + "[flags=SLAB_HWCACHE_ALIGN|SLAB_RECLAIM_ACCOUNT|...]",
                        "create a slab cache (merged into a compatible one where Linux would merge it)",
                        SlabVerbs::cacheCreate),
                Verb.plain("kmem_cache_alloc", "kmem_cache_alloc VAR NAME [gfp=FLAGS]",
                        "allocate an object of a slab cache (task_struct, dentry, or one created)", SlabVerbs::cacheAlloc),
                Verb.plain("kmem_cache_free", "kmem_cache_free VAR", "free an object to the cache it came from",
                        SlabVerbs::cacheFree),
                Verb.plain("kmem_cache_destroy", "kmem_cache_destroy NAME",
                        "destroy a slab cache (refused while it has objects)", SlabVerbs::cacheDestroy),
                Verb.plain("kmem_cache_shrink", "kmem_cache_shrink NAME",
                        "give a cache's empty slabs back to the page allocator", SlabVerbs::cacheShrink),
                Verb.plain("slabtop", "slabtop", "print the slab caches as slabtop -o does, most objects first",
                        SlabVerbs::slabtop),
                Verb.plain("kwrite", "kwrite VAR [offset=N] [length=N] [value=0xNN]",
                        "store bytes into an object, past its end or after its free (what slub_debug catches)",
                        SlabVerbs::kwrite),
                Verb.plain("slab_validate", "slab_validate NAME",
                        "check every object of a debug cache (echo 1 > /sys/kernel/slab/NAME/validate)",
                        SlabVerbs::validate));
    }

    /** An object a scenario allocated: its address, the cache handle (-1 for kmalloc) and the size asked for. */
    record KObject(long address, int cache, long size) {
    }

    private static SlabAllocator slab(Session session) {
        return session.machine().slabAllocator();
    }

    private static String hex(long address) {
        return String.format("%#x", address);
    }

    private static void print(Session session, SlabCorruptionException e) {
        session.print(e.report().text());
    }

    private static int gfp(ScenarioLine line, Map<String, String> options) {
        try {
            return PhysicalVerbs.parseGfp(options.getOrDefault("gfp", "GFP_KERNEL"));
        } catch (IllegalArgumentException e) {
            throw line.error(e instanceof NumberFormatException ? "bad gfp '" + options.get("gfp")
                    + "'; expected names such as GFP_KERNEL|__GFP_ZERO, or hex" : e.getMessage());
        }
    }

    private static long number(ScenarioLine line, String what, String text, long min, long max) {
        long value;
        try {
            value = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16)
                    : text.matches("-?\\d+") ? Long.parseLong(text) : Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw line.error("bad " + what + " '" + text + "'; expected a number of bytes such as 128 or 4K");
        }
        if (value < min || value > max) {
            throw line.error(what + " " + value + "; expected " + min + " to " + max);
        }
        return value;
    }

    /** {@code kmalloc VAR SIZE [gfp=FLAGS]}. */
    private static Step kmalloc(ScenarioLine line, String usage) {
        String var = line.word(1, "VAR", usage);
        long size = number(line, "SIZE", line.word(2, "SIZE", usage), 0, SlabAllocator.KMALLOC_MAX_SIZE);
        int gfp = gfp(line, line.options(3, usage, List.of("gfp")));
        return session -> {
            long a;
            try {
                a = slab(session).kmalloc(size, gfp);
            } catch (SlabCorruptionException e) {
                print(session, e);
                return;
            }
            if (a == 0) {
                session.print(String.format("%s: kmalloc failure: size %d, mode:%s", var, size, Gfp.describe(gfp)));
                return;
            }
            session.bind(var, new KObject(a, -1, size));
            if (a == SlabAllocator.ZERO_SIZE_PTR) {
                session.print(var + ": ZERO_SIZE_PTR (0x10)");
            } else if (size > SlabAllocator.KMALLOC_MAX_CACHE_SIZE) {
                long bytes = slab(session).ksize(a);
                session.print(String.format("%s: %s, %d pages (order %d) from the page allocator", var, hex(a),
                        bytes / 4096, Long.numberOfTrailingZeros(bytes / 4096)));
            } else {
                session.print(String.format("%s: %s from %s (ksize %d)", var, hex(a),
                        slab(session).cacheName(slab(session).kmallocCache(size, gfp)), slab(session).ksize(a)));
            }
        };
    }

    /** {@code kfree VAR}. */
    private static Step kfree(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String var = line.words().get(1);
        return session -> {
            KObject o = session.variable(var, KObject.class, "kmalloc");
            try {
                slab(session).kfree(o.address());
            } catch (SlabCorruptionException e) {
                print(session, e);
            }
        };
    }

    /** {@code kmem_cache_create NAME size=N [align=N] [flags=...]}. */
    private static Step cacheCreate(ScenarioLine line, String usage) {
        String name = line.word(1, "NAME", usage);
        Map<String, String> options = line.options(2, usage, List.of("size", "align", "flags"));
        if (!options.containsKey("size")) {
            throw line.error("kmem_cache_create needs size=N; expected " + usage);
        }
        int size = (int) number(line, "size", options.get("size"), 1, SlabAllocator.KMALLOC_MAX_SIZE);
        int align = (int) number(line, "align", options.getOrDefault("align", "0"), 0, 4096);
        int flags = 0;
        if (options.containsKey("flags")) {
            try {
                for (String flag : options.get("flags").split("\\|")) {
                    flags |= SlabFlags.byName(flag);
                }
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
        }
        int f = flags;
        return session -> {
            int handle;
            try {
                handle = slab(session).kmemCacheCreate(name, size, align, f);
            } catch (KmemCacheException e) {
                throw line.error(e.getMessage());
            }
            SlabInfo info = slab(session).slabinfo(handle);
            if (!info.name().equals(name)) {
                session.print(String.format("%s: merged into %s (objsize %d)", name, info.name(), info.objSize()));
            } else {
                session.print(String.format("%s: objsize %d, %d objects in %d pages", name, info.objSize(),
                        info.objPerSlab(), info.pagesPerSlab()));
            }
        };
    }

    private static int cacheNamed(Session session, ScenarioLine line, String name) {
        int handle = slab(session).findCache(name);
        if (handle < 0) {
            throw line.error("no slab cache named '" + name + "'; expected a cache from kmem_cache_create or /proc/slabinfo");
        }
        return handle;
    }

    /** {@code kmem_cache_alloc VAR NAME [gfp=FLAGS]}. */
    private static Step cacheAlloc(ScenarioLine line, String usage) {
        String var = line.word(1, "VAR", usage);
        String name = line.word(2, "NAME", usage);
        int gfp = gfp(line, line.options(3, usage, List.of("gfp")));
        return session -> {
            int handle = cacheNamed(session, line, name);
            long a;
            try {
                a = slab(session).kmemCacheAlloc(handle, gfp);
            } catch (SlabCorruptionException e) {
                print(session, e);
                return;
            }
            if (a == 0) {
                session.print(String.format("%s: kmem_cache_alloc failure: %s, mode:%s", var, name, Gfp.describe(gfp)));
                return;
            }
            session.bind(var, new KObject(a, handle, slab(session).objectSize(handle)));
            session.print(String.format("%s: %s from %s", var, hex(a), slab(session).cacheName(handle)));
        };
    }

    /** {@code kmem_cache_free VAR}. */
    private static Step cacheFree(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String var = line.words().get(1);
        return session -> {
            KObject o = session.variable(var, KObject.class, "kmem_cache_alloc");
            try {
                if (o.cache() < 0) {
                    throw line.error("'" + var + "' is from kmalloc; expected a VAR from kmem_cache_alloc (use kfree)");
                }
                slab(session).kmemCacheFree(o.cache(), o.address());
            } catch (SlabCorruptionException e) {
                print(session, e);
            } catch (KmemCacheException e) {
                throw line.error(e.getMessage());
            }
        };
    }

    /** {@code kmem_cache_destroy NAME}. */
    private static Step cacheDestroy(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String name = line.words().get(1);
        return session -> {
            try {
                slab(session).kmemCacheDestroy(cacheNamed(session, line, name));
            } catch (KmemCacheException e) {
                throw line.error(e.getMessage());
            }
        };
    }

    /** {@code kmem_cache_shrink NAME}. */
    private static Step cacheShrink(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String name = line.words().get(1);
        return session -> session.print(String.format("%s: %d pages freed", name,
                slab(session).kmemCacheShrink(cacheNamed(session, line, name))));
    }

    /** {@code slabtop}: {@code slabtop -o}. */
    private static Step slabtop(ScenarioLine line, String usage) {
        if (line.words().size() == 2 && line.words().get(1).equals("-o")) {
            return session -> session.print(Slabtop.render(session.machine()));
        }
        line.expectWords(1, usage);
        return session -> session.print(Slabtop.render(session.machine()));
    }

    /** {@code kwrite VAR [offset=N] [length=N] [value=0xNN]}: a stray store into an object, for slub_debug. */
    private static Step kwrite(ScenarioLine line, String usage) {
        String var = line.word(1, "VAR", usage);
        Map<String, String> options = line.options(2, usage, List.of("offset", "length", "value"));
        long offset = number(line, "offset", options.getOrDefault("offset", "0"), -4096, 1L << 22);
        int length = (int) number(line, "length", options.getOrDefault("length", "1"), 1, 1L << 22);
        int value = (int) number(line, "value", options.getOrDefault("value", "0"), 0, 255);
        return session -> {
            KObject o = session.variable(var, KObject.class, "kmalloc or kmem_cache_alloc");
            slab(session).write(o.address() + offset, length, value);
        };
    }

    /** {@code slab_validate NAME}: {@code echo 1 > /sys/kernel/slab/NAME/validate}. */
    private static Step validate(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String name = line.words().get(1);
        return session -> {
            List<SlabReport> reports = slab(session).validate(cacheNamed(session, line, name));
            if (reports.isEmpty()) {
                session.print(name + ": no errors");
            }
            reports.forEach(r -> session.print(r.text()));
        };
    }
}
