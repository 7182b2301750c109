/**
 * The troubleshooting tools of a Linux box over the simulated machine, in their real output formats: sysstat's
 * {@code sar}, and the system identity their headers print.
 */
package org.mmsim.tools.view;
