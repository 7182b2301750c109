package org.mmsim.plugins.replacement;

import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

class CarContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new Car();
    }
}
