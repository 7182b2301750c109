package org.mmsim.spi;

import java.util.List;

/**
 * What every policy provider tells about itself: the name users select it by, a one-line description, and the typed
 * parameters it accepts ({@code --policy clock-pro:hot-ratio=0.5}).
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: a provider class is public, has a public no-argument
 * constructor, and is registered both in {@code META-INF/services} (for the class path) and with {@code provides} in
 * its module-info (for the module path).
 */
public interface PolicyProvider {
    /** The unique name users select the policy by: lower case letters, digits and dashes, such as {@code clock-pro}. */
    String name();

    /** One line saying what the policy does and where it comes from. */
    String description();

    /** The parameters the policy accepts, in the order they are documented. */
    default List<PolicyParameter> parameters() {
        return List.of();
    }
}
