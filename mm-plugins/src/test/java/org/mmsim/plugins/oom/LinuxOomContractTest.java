package org.mmsim.plugins.oom;

import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.testkit.OomPolicyContract;

class LinuxOomContractTest extends OomPolicyContract {
    @Override
    protected OomPolicyProvider provider() {
        return new LinuxOom();
    }
}
