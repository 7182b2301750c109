/**
 * Simulated time: a clock that only the simulation moves, and timers that run kernel work when it reaches them.
 */
package org.mmsim.api.time;
