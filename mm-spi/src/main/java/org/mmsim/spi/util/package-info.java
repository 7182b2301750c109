/**
 * Primitive collections for hot paths, shared by every layer and by plugins so that none boxes a key or allocates
 * per access: a long-to-int hash map, and intrusive lists threaded through int nodes (Linux's embedded
 * {@code list_head}, as struct-of-arrays).
 */
package org.mmsim.spi.util;
