package org.mmsim.api.kalloc;

/**
 * A slab operation refused because SLUB found a broken object or a bad pointer: a double free, a free of an address
 * that is no object of the cache, overwritten red zones or poison. The report says what, as the kernel log would;
 * the operation changed nothing but the repair of the damaged bytes.
 */
public final class SlabCorruptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SlabReport report;

    public SlabCorruptionException(SlabReport report) {
        super(report.headline().substring(4) + String.format(" (object %#x)", report.object()));
        this.report = report;
    }

    /** SLUB's report. */
    public SlabReport report() {
        return report;
    }
}
