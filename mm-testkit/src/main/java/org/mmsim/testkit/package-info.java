/**
 * The plugin author's kit: policy contracts, a plain policy host, and the architecture rules of a plugin.
 */
package org.mmsim.testkit;
