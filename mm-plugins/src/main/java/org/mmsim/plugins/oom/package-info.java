/**
 * The built-in OOM policies, one provider class per way of choosing the victim.
 */
package org.mmsim.plugins.oom;
