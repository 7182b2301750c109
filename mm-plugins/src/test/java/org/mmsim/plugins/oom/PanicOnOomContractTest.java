package org.mmsim.plugins.oom;

import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.testkit.OomPolicyContract;

class PanicOnOomContractTest extends OomPolicyContract {
    @Override
    protected OomPolicyProvider provider() {
        return new PanicOnOom();
    }
}
