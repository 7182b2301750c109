/** What mmsim says about input it cannot use: one line, where, what was found, what was expected. */
package org.mmsim.tools.input;
