package org.mmsim.plugins.replacement;

import java.util.Map;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

/** The contract with every non-default S3-FIFO choice at once, including a small queue of half the cache. */
class S3FifoNonDefaultContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new S3Fifo();
    }

    @Override
    protected Map<String, String> arguments() {
        return Map.of(S3Fifo.SMALL_RATIO, "0.5", S3Fifo.PROMOTE_THRESHOLD, "0", S3Fifo.FILL_MAIN, "true");
    }
}
