package ${package};

import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

/** Every property of mmsim's replacement-policy contract, run against this plugin. */
class FifoContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new Fifo();
    }
}
