package org.mmsim.api;

/**
 * How the CPUs reach memory, the two architectures a course on Linux memory management starts from: through one
 * northbridge (a front-side bus every CPU shares: one latency for all of RAM), or NUMA, each node's memory behind its
 * own controller, a remote node's costing its SLIT distance's share more ({@code numactl --hardware}'s table:
 * 10 local, 21 remote).
 */
public enum MemoryArch {
    /** One northbridge: uniform memory access. */
    UMA,
    /** A memory controller per node. */
    NUMA;

    /** The SLIT distance of a node to itself ({@code LOCAL_DISTANCE} in include/linux/topology.h). */
    public static final int LOCAL_DISTANCE = 10;
    /** The SLIT distance to another node, as a two-socket machine's firmware reports it in {@code numactl --hardware}. */
    public static final int REMOTE_DISTANCE = 21;

    /** The machine key's value: {@code uma} or {@code numa}. */
    public String keyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The architecture a {@code memory=} value names.
     *
     * @throws IllegalArgumentException for another value
     */
    public static MemoryArch byKeyName(String value) {
        for (MemoryArch m : values()) {
            if (m.keyName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("memory '" + value + "'; expected uma or numa");
    }
}
