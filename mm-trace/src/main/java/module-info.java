/**
 * Key traces and what a replacement researcher does with them: the trace formats and their readers (gzip, xz and
 * zstd recognised by their magic bytes), replay of every (policy, capacity) pair on the cores of one machine, exact
 * and SHARDS-sampled LRU miss-ratio curves from Mattson's stack distances, and the policy registry that finds the
 * replacement and OOM policies, built in or in plugin jars. It requires only the plugin SPI: no machine, no Guice,
 * no command line. {@link org.mmsim.trace.Trace} and {@link org.mmsim.trace.Replay} are the doors.
 */
// aircompressor publishes no module descriptor nor an Automatic-Module-Name (no release for Java 17 names its module,
// so the name is its jar's): requiring it is the only way to read zstd in pure Java.
@SuppressWarnings("requires-automatic")
module org.mmsim.trace {
    requires transitive org.mmsim.spi;
    requires org.tukaani.xz;
    requires aircompressor;
    // aircompressor's zstd decoder reads through sun.misc.Unsafe, and as an automatic module it cannot say so: without
    // this, a program on the module path that requires only this module gets NoClassDefFoundError at the first zstd
    // trace.
    requires jdk.unsupported;

    uses org.mmsim.spi.ReplacementPolicyProvider;
    uses org.mmsim.spi.OomPolicyProvider;

    exports org.mmsim.trace;
    exports org.mmsim.trace.format;
    exports org.mmsim.trace.replay;
    exports org.mmsim.trace.mrc;
    exports org.mmsim.trace.plugin;
}
