/** Sizes and durations as users write them: {@code 8G}, {@code 500ms}. */
package org.mmsim.tools.units;
