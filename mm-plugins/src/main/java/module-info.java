/**
 * The built-in policies: page-replacement algorithms and OOM victim choices, each a {@link java.util.ServiceLoader}
 * provider under its own name. Like any plugin, this module requires only {@code org.mmsim.spi} and exports
 * nothing: hosts reach the policies through the SPI alone.
 */
// AutoService's annotations publish no module descriptor, only an Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
module org.mmsim.plugins {
    requires org.mmsim.spi;
    requires static com.google.auto.service;

    provides org.mmsim.spi.ReplacementPolicyProvider with
            org.mmsim.plugins.replacement.Fifo,
            org.mmsim.plugins.replacement.Lru,
            org.mmsim.plugins.replacement.LinuxLru,
            org.mmsim.plugins.replacement.Arc,
            org.mmsim.plugins.replacement.Car,
            org.mmsim.plugins.replacement.TwoQ,
            org.mmsim.plugins.replacement.Clock,
            org.mmsim.plugins.replacement.Sieve,
            org.mmsim.plugins.replacement.S3Fifo,
            org.mmsim.plugins.replacement.Lfu,
            org.mmsim.plugins.replacement.RandomEviction,
            org.mmsim.plugins.replacement.Opt,
            org.mmsim.plugins.replacement.Mglru,
            org.mmsim.plugins.replacement.Lirs,
            org.mmsim.plugins.replacement.ClockPro;
    provides org.mmsim.spi.OomPolicyProvider with
            org.mmsim.plugins.oom.LinuxOom,
            org.mmsim.plugins.oom.LargestRss,
            org.mmsim.plugins.oom.Priority,
            org.mmsim.plugins.oom.Youngest,
            org.mmsim.plugins.oom.PanicOnOom;
}
