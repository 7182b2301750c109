package org.mmsim.spi;

/**
 * A page-replacement algorithm at work: it orders the resident pages of one cache and picks the victim.
 *
 * <p>The host (a trace replay, or the kernel's reclaim) owns residency: it maps each page's key to a <em>slot</em>,
 * an int in {@code [0, capacity)} (a frame number, for the kernel), decides hits and misses, and tells the policy
 * what happened through these calls. A policy keeps its per-page state in arrays indexed by slot, and whatever
 * history it keeps of pages that are no longer resident (ARC's and LIRS's ghosts) by key. The calls for one request:
 * <ul>
 *   <li>a hit: {@link #onHit(int)} (Linux: {@code folio_mark_accessed()}, or a young PTE seen by
 *       {@code folio_referenced()});</li>
 *   <li>a miss: {@link #onMiss(long)}; then, if every slot is taken, {@link #evict()}, whose slot the host empties;
 *       then {@link #onInsert(long, int)} with a free slot (Linux: {@code folio_add_lru()}).</li>
 * </ul>
 * The host may also take a page away by itself ({@link #onRemove(int)}: the page was freed or truncated) and, in
 * the kernel, ask for a victim whenever it reclaims ({@link #evict()}).
 *
 * <p>These calls are the hot path: they take and return primitives, and an implementation must not allocate per
 * call. A policy is used by one thread. Random choices come from {@link PolicySettings#seed()} only, so the same
 * requests and seed give the same victims.
 */
public interface ReplacementPolicy {
    /** The number of slots, {@link PolicySettings#capacity()}. */
    int capacity();

    /** The resident page in {@code slot} was referenced. */
    void onHit(int slot);

    /**
     * A page that is not resident was requested; called before the eviction the miss may cause. Policies that learn
     * from misses on remembered pages (ARC's ghost hits) adapt here.
     */
    default void onMiss(long key) {
    }

    /**
     * Chooses a resident page to give up, forgets it, and returns its slot. The host calls it only while at least one
     * page is resident, and empties the slot.
     *
     * @return the slot of a resident page
     */
    int evict();

    /** The page {@code key} became resident in {@code slot}, which was free. */
    void onInsert(long key, int slot);

    /**
     * The host took the resident page in {@code slot} away (freed, truncated, unmapped), without an eviction: forget
     * it, keeping no history of it.
     */
    void onRemove(int slot);
}
