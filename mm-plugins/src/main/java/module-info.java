/**
 * The built-in policies: page-replacement algorithms and OOM victim choices, each a {@link java.util.ServiceLoader}
 * provider under its own name. Like any plugin, this module requires only {@code org.mmsim.api} and exports
 * nothing: hosts reach the policies through the SPI alone.
 */
module org.mmsim.plugins {
    requires org.mmsim.api;
    requires static com.google.auto.service;

    provides org.mmsim.api.spi.ReplacementPolicyProvider with
            org.mmsim.plugins.replacement.Fifo,
            org.mmsim.plugins.replacement.Lru,
            org.mmsim.plugins.replacement.LinuxLru,
            org.mmsim.plugins.replacement.Lirs,
            org.mmsim.plugins.replacement.ClockPro;
    provides org.mmsim.api.spi.OomPolicyProvider with
            org.mmsim.plugins.oom.LinuxOom;
}
