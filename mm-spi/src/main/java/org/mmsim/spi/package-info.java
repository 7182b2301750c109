/**
 * The plugin SPI: with {@link org.mmsim.spi.util}, all a policy plugin needs.
 *
 * <p>Two extension points. {@link org.mmsim.spi.ReplacementPolicyProvider} makes page-replacement policies,
 * which decide which resident page to evict and drive both a trace replay and the simulated kernel's reclaim.
 * {@link org.mmsim.spi.OomPolicyProvider} makes OOM policies, which decide which process the OOM killer kills.
 * A plugin may also use the primitive collections of {@link org.mmsim.spi.util}; nothing else of mmsim.
 * Providers are found with {@link java.util.ServiceLoader}; each has a unique name, a one-line description and
 * typed parameters ({@link org.mmsim.spi.PolicyParameter}).
 */
package org.mmsim.spi;
