/**
 * The built-in page-replacement policies, one provider class per algorithm, each citing its paper.
 */
package org.mmsim.plugins.replacement;
