/**
 * Statistics: the {@code /proc/vmstat} counter set that every layer adds to, named as Linux names it.
 */
package org.mmsim.api.stat;
