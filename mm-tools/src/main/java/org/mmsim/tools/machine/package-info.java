/** The composition of one machine: its Guice modules, simulated time, and the assembled machine. */
package org.mmsim.tools.machine;
