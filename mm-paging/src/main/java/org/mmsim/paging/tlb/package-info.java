/** The translation lookaside buffers of a CPU: set-associative caches of page translations tagged by PCID. */
package org.mmsim.paging.tlb;
