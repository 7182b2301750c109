package org.mmsim.physical.cache;

/**
 * What a CPU's hierarchy asks of the others to stay coherent, MESI by snooping: a Modified line is the one dirty copy
 * among the CPUs' private levels, a write first invalidates every other copy (a read-for-ownership), and a read that
 * misses the private levels makes another CPU's Modified copy Shared, written back on the way. A line a hierarchy holds
 * clean is Shared or Exclusive; the model does not tell them apart, so a first write to a clean line always snoops.
 * And what an inclusive last level covers: the private levels of every CPU that shares it.
 */
interface Coherence {
    /** A hierarchy alone: no other CPU to snoop, its last level covering only itself. */
    Coherence ALONE = new Coherence() {
        @Override
        public boolean invalidateOthers(CpuCacheHierarchy self, long line) {
            return false;
        }

        @Override
        public boolean shareOthers(CpuCacheHierarchy self, long line) {
            return false;
        }

        @Override
        public boolean backInvalidate(CpuCacheHierarchy self, long line) {
            return self.invalidatePrivate(line);
        }
    };

    /**
     * {@code self} is about to write a line it does not hold Modified: every other CPU's copy goes.
     *
     * @return whether one of them was Modified, so that its data came over (a transfer)
     */
    boolean invalidateOthers(CpuCacheHierarchy self, long line);

    /**
     * {@code self} reads a line its private levels miss: a Modified copy elsewhere is written back and becomes Shared.
     *
     * @return whether there was one (a transfer)
     */
    boolean shareOthers(CpuCacheHierarchy self, long line);

    /**
     * {@code self}'s inclusive last level evicted a line: the private copies of every CPU it covers go.
     *
     * @return whether one of them was dirty, so that the data must go to memory
     */
    boolean backInvalidate(CpuCacheHierarchy self, long line);
}
