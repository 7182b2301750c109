/**
 * The contracts only the layers call in each other: the page frames' metadata, the reverse map, the kernel's page
 * tables, the LRU lists, the page cache's fault side, the swap cache and its entries, reclaim's hook in the page
 * allocator, and the late registrations that break the layers' cycle. Exported only to the layer modules and the composition root, never to a program that
 * embeds mmsim.
 */
package org.mmsim.api.kernel;
