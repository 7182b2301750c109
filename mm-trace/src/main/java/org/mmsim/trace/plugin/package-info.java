/** Finding policy providers, built in and from {@code --plugin-path}, and resolving what users ask for. */
package org.mmsim.trace.plugin;
