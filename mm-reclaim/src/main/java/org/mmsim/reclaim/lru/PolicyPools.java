package org.mmsim.reclaim.lru;

import java.util.List;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;

/**
 * A replacement-policy plugin driving the machine's reclaim in place of Linux's own lists: one policy instance per
 * node and page type (anon, file), whose slots are the node's frames. It is told what the LRU lists see — a page
 * added ({@code onMiss}, {@code onInsert}, keyed by its mapping and index), referenced ({@code onHit}: a
 * mark_page_accessed, or a young PTE reclaim found) and freed ({@code onRemove}) — and reclaim asks it for victims
 * ({@code evict}). A victim reclaim cannot take is given back as a new insertion. A policy that throws (an error
 * of its own too, a stack overflow) or names a slot it does not hold is stopped with an error naming it and the
 * call; each call marks the machine's plugin watch, so one that never returns is stopped by the watchdog.
 */
public final class PolicyPools {
    private final String name;
    private final ReplacementPolicy[] policies;
    private final long[] nodeBase;
    private final boolean[] resident;
    private final long frames;
    private final PageFrames pages;
    private final PluginWatch watch;

    public PolicyPools(ReplacementPolicyProvider provider, PolicyArguments arguments, long seed, List<ZoneInfo> zones,
                       int nodes, PageFrames pages, PluginWatch watch) {
        this.name = provider.name();
        this.pages = pages;
        this.watch = watch;
        watch.guard(name, provider);
        nodeBase = new long[nodes];
        long[] nodeEnd = new long[nodes];
        java.util.Arrays.fill(nodeBase, Long.MAX_VALUE);
        long end = 0;
        for (ZoneInfo zone : zones) {
            nodeBase[zone.node()] = Math.min(nodeBase[zone.node()], zone.startPfn());
            nodeEnd[zone.node()] = Math.max(nodeEnd[zone.node()], zone.startPfn() + zone.spanned());
            end = Math.max(end, zone.startPfn() + zone.spanned());
        }
        frames = end;
        resident = new boolean[(int) end];
        policies = new ReplacementPolicy[nodes * 2];
        for (int node = 0; node < nodes; node++) {
            int capacity = (int) (nodeEnd[node] - nodeBase[node]);
            for (int type = 0; type < 2; type++) {
                ReplacementPolicy policy;
                try {
                    policy = provider.create(new PolicySettings(capacity, seed + node * 2L + type, arguments));
                } catch (RuntimeException | Error e) {
                    throw PluginFailureException.threw(name, "create", e);
                }
                if (policy == null) {
                    throw new PluginFailureException(name, "create() returned null", null);
                }
                watch.advance();
                watch.guard(name, policy);
                policies[node * 2 + type] = policy;
            }
        }
    }

    /** The policy's name. */
    public String name() {
        return name;
    }

    private ReplacementPolicy policy(int node, boolean file) {
        return policies[node * 2 + (file ? 1 : 0)];
    }

    private int slot(long pfn, int node) {
        return (int) (pfn - nodeBase[node]);
    }

    /** A page's key for the policy's history: its mapping and index, which stay the same across reclaim and refault. */
    private long key(long pfn) {
        return pages.mapping(pfn) * 0x9E3779B97F4A7C15L + pages.index(pfn);
    }

    /** The page joined its node's LRU lists. */
    public void insert(long pfn, int node, boolean file) {
        if (resident[(int) pfn]) {
            return;
        }
        ReplacementPolicy policy = policy(node, file);
        long key = key(pfn);
        try {
            policy.onMiss(key);
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "onMiss", e);
        }
        try {
            policy.onInsert(key, slot(pfn, node));
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "onInsert", e);
        }
        watch.advance();
        resident[(int) pfn] = true;
    }

    /** The page was referenced. */
    public void hit(long pfn, int node, boolean file) {
        if (!resident[(int) pfn]) {
            return;
        }
        try {
            policy(node, file).onHit(slot(pfn, node));
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "onHit", e);
        }
        watch.advance();
    }

    /** The page left the LRU lists (freed) without an eviction. */
    public void remove(long pfn, int node, boolean file) {
        if (!resident[(int) pfn]) {
            return;
        }
        resident[(int) pfn] = false;
        try {
            policy(node, file).onRemove(slot(pfn, node));
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "onRemove", e);
        }
        watch.advance();
    }

    /**
     * The policy's next victim of {@code node}'s pages of the type, forgotten by it.
     *
     * @return the victim's pfn, or -1 if the policy holds no page
     */
    public long victim(int node, boolean file, long held) {
        if (held == 0) {
            return -1;
        }
        int slot;
        try {
            slot = policy(node, file).evict();
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "evict", e);
        }
        watch.advance();
        long pfn = nodeBase[node] + slot;
        if (slot < 0 || pfn >= frames || !resident[(int) pfn]) {
            throw new PluginFailureException(name, "evict() named slot " + slot + ", which holds no page it was given",
                    null);
        }
        resident[(int) pfn] = false;
        return pfn;
    }
}
