package ${package};

import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

/** Every property of mmsim's replacement-policy contract, run against this plugin. */
class LifoContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new Lifo();
    }
}
