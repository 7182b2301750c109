/** Address traces on a simulated machine: one process's MMU driven by a real program's memory accesses. */
package org.mmsim.tools.mmutrace;
