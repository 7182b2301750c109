package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.FaultAttr;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageMigration;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.proc.Sysctl;

/**
 * The physical layer's verbs: raw page allocation as a kernel module would do it ({@code alloc_pages},
 * {@code free_pages}), the vm tunables ({@code sysctl}), compaction ({@code compact}) and fault injection
 * ({@code fail_page_alloc}).
 */
final class PhysicalVerbs {
    private PhysicalVerbs() {
    }

    static List<Verb> all(ProcFiles files) {
        return List.of(
                Verb.plain("alloc_pages", "alloc_pages VAR order=N [gfp=FLAGS] (FLAGS such as GFP_KERNEL or "
                        + "GFP_HIGHUSER_MOVABLE|__GFP_ZERO)", "allocate 2^order contiguous pages, as alloc_pages() does",
                        PhysicalVerbs::allocPages),
                Verb.plain("free_pages", "free_pages VAR", "free a block from alloc_pages, as __free_pages() does",
                        PhysicalVerbs::freePages),
                Verb.plain("sysctl", "sysctl NAME[=VALUE] (such as vm.min_free_kbytes=131072)",
                        "read or write a vm tunable", (line, usage) -> sysctl(files, line, usage)),
                Verb.plain("compact", "compact", "compact every zone (echo 1 > /proc/sys/vm/compact_memory)",
                        PhysicalVerbs::compact),
                Verb.plain("fail_page_alloc", "fail_page_alloc probability=P [interval=N] [times=N] [space=N] "
                        + "[min-order=N] [ignore-gfp-wait=Y|N] [ignore-gfp-highmem=Y|N]",
                        "make page allocations fail on purpose (debugfs fail_page_alloc)", PhysicalVerbs::failPageAlloc));
    }

    /**
     * A block a scenario allocated. Its pfn moves if compaction migrates it (an order-0 movable page), as a driver's
     * pointer would be updated through the migration callback.
     */
    static final class Block {
        long pfn;
        final int order;
        final int gfp;

        Block(long pfn, int order, int gfp) {
            this.pfn = pfn;
            this.order = order;
            this.gfp = gfp;
        }
    }

    /** Lets compaction move the movable order-0 pages scenarios allocated, updating their variables. */
    private static final class ScenarioPages implements PageMigration {
        private final Session session;

        ScenarioPages(Session session) {
            this.session = session;
        }

        private Block find(long pfn) {
            for (Block block : session.variables(Block.class).values()) {
                if (block.pfn == pfn && block.order == 0 && (block.gfp & Gfp.__GFP_MOVABLE) != 0) {
                    return block;
                }
            }
            return null;
        }

        @Override
        public boolean isMovable(long pfn) {
            return find(pfn) != null;
        }

        @Override
        public void migrate(long from, long to) {
            find(from).pfn = to;
        }
    }

    private static String zoneOf(Session session, long pfn) {
        for (ZoneInfo zone : session.machine().physicalMemory().zones()) {
            if (pfn >= zone.startPfn() && pfn < zone.startPfn() + zone.spanned()) {
                return zone.type().kernelName();
            }
        }
        return "?";
    }

    /** Reads {@code GFP_KERNEL|__GFP_ZERO}, a hex mask, or names joined by {@code |}. */
    static int parseGfp(String text) {
        if (text.startsWith("0x")) {
            return Integer.parseUnsignedInt(text.substring(2), 16);
        }
        int gfp = 0;
        // Every name counts, the empty ones too: "|" or "GFP_KERNEL|" is a flag left out, not no flags.
        for (String name : text.split("\\|", -1)) {
            gfp |= Gfp.byName(name);
        }
        return gfp;
    }

    /** {@code alloc_pages VAR order=N [gfp=GFP_KERNEL]}: allocates a block and names it. */
    private static Step allocPages(ScenarioLine line, String usage) {
        String var = line.word(1, "VAR", usage);
        Map<String, String> options = line.options(2, usage, List.of("order", "gfp"));
        int order;
        int gfp;
        try {
            order = Integer.parseInt(options.getOrDefault("order", "0"));
            gfp = parseGfp(options.getOrDefault("gfp", "GFP_KERNEL"));
        } catch (IllegalArgumentException e) {
            throw line.error(e instanceof NumberFormatException ? "bad order or gfp value; expected " + usage : e.getMessage());
        }
        if (order < 0 || order > PageOrder.MAX_PAGE_ORDER) {
            throw line.error("order " + order + "; expected 0 to " + PageOrder.MAX_PAGE_ORDER);
        }
        return session -> {
            if (session.variables(Block.class).isEmpty()) {
                session.machine().memoryHooks().registerMigration(new ScenarioPages(session));
            }
            long pfn;
            try {
                pfn = session.machine().pageAllocator().allocPages(gfp, order);
            } catch (BadPageException e) {
                throw line.error(e.getMessage());
            }
            if (pfn == PageAllocator.NO_PAGE) {
                session.print(String.format("%s: page allocation failure: order:%d, mode:%s", var, order, Gfp.describe(gfp)));
                return;
            }
            session.bind(var, new Block(pfn, order, gfp));
            session.print(String.format("%s: pfn %#x order %d zone %s", var, pfn, order, zoneOf(session, pfn)));
        };
    }

    /** {@code free_pages VAR}: frees a block allocated by {@code alloc_pages}. */
    private static Step freePages(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String var = line.words().get(1);
        return session -> {
            Block block = session.variable(var, Block.class, "alloc_pages");
            try {
                session.machine().pageAllocator().freePages(block.pfn, block.order);
            } catch (BadPageException e) {
                throw line.error(e.getMessage());
            }
            session.unbind(var);
        };
    }

    /** {@code sysctl NAME[=VALUE]}: reads or writes a tunable, as sysctl(8) does. */
    private static Step sysctl(ProcFiles files, ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String word = line.words().get(1);
        int eq = word.indexOf('=');
        Sysctl sysctl = files.sysctl(eq < 0 ? word : word.substring(0, eq), line::error);
        if (eq < 0) {
            return session -> session.print(sysctl.name() + " = " + sysctl.render(session.machine()).trim());
        }
        String value = word.substring(eq + 1);
        return session -> {
            try {
                sysctl.write(session.machine(), value);
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
            session.print(sysctl.name() + " = " + value);
        };
    }

    /** {@code compact}: compacts every zone, as {@code echo 1 > /proc/sys/vm/compact_memory} does. */
    private static Step compact(ScenarioLine line, String usage) {
        line.expectWords(1, usage);
        return session -> session.machine().physicalMemory().compactMemory();
    }

    /** {@code fail_page_alloc KEY=VALUE...}: sets the fault-injection attributes of debugfs fail_page_alloc. */
    private static Step failPageAlloc(ScenarioLine line, String usage) {
        if (line.words().size() < 2) {
            throw line.error("fail_page_alloc needs KEY=VALUE; expected " + usage);
        }
        Map<String, String> options = line.options(1, usage, List.of("probability", "interval", "times", "space",
                "min-order", "ignore-gfp-wait", "ignore-gfp-highmem"));
        FaultAttr base = FaultAttr.disabled();
        FaultAttr attr;
        try {
            attr = new FaultAttr(Integer.parseInt(options.getOrDefault("probability", "0")),
                    Long.parseLong(options.getOrDefault("interval", "1")),
                    Long.parseLong(options.getOrDefault("times", "1")),
                    Long.parseLong(options.getOrDefault("space", "0")),
                    Integer.parseInt(options.getOrDefault("min-order", Integer.toString(base.minOrder()))),
                    yes(options.getOrDefault("ignore-gfp-wait", "Y")), yes(options.getOrDefault("ignore-gfp-highmem", "Y")));
        } catch (NumberFormatException e) {
            throw line.error("a bad number; expected " + usage);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        return session -> session.machine().physicalMemory().setFailPageAlloc(attr);
    }

    private static boolean yes(String value) {
        switch (value) {
            case "Y":
            case "y":
            case "1":
                return true;
            case "N":
            case "n":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + value + "'; expected Y or N");
        }
    }
}
