/** The simulated /proc files, each rendered in the Linux 6.18 layout. */
package org.mmsim.tools.proc;
