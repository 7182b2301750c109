/** Charts as self-contained SVG documents: miss-ratio curves, and a simulated run's timeline. */
package org.mmsim.tools.plot;
