package org.mmsim.plugins.replacement;

import java.util.Map;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

/** 2Q with A1in's target at the whole cache and no A1out: Am stays empty and every victim comes from A1in. */
class TwoQExtremesContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new TwoQ();
    }

    @Override
    protected Map<String, String> arguments() {
        return Map.of(TwoQ.KIN, "1", TwoQ.KOUT, "0");
    }
}
