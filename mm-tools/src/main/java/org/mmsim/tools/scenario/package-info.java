/** Scenarios: the line-oriented scripts of what happens on a simulated machine, their parser, verbs and runner. */
package org.mmsim.tools.scenario;
