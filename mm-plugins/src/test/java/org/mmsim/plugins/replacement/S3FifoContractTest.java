package org.mmsim.plugins.replacement;

import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

class S3FifoContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new S3Fifo();
    }
}
