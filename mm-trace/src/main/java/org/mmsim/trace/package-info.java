/**
 * The doors of the trace library: open a {@link org.mmsim.trace.Trace}, {@link org.mmsim.trace.Replay} it under
 * lists of policies and capacities, or compute its {@link org.mmsim.trace.MissRatioCurve}.
 */
package org.mmsim.trace;
