/**
 * The tools that show the processor and the memory architecture: lscpu, /sys/devices/system/cpu/cpuN/cache,
 * getconf's cache variables and numactl --hardware, from the machine's configuration.
 */
package org.mmsim.tools.hw;
