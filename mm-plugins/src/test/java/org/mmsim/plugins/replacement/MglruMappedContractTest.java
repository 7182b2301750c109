package org.mmsim.plugins.replacement;

import java.util.Map;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementPolicyContract;

/** The contract with requests as accesses through page tables, and the smallest window. */
class MglruMappedContractTest extends ReplacementPolicyContract {
    @Override
    protected ReplacementPolicyProvider provider() {
        return new Mglru();
    }

    @Override
    protected Map<String, String> arguments() {
        return Map.of("mapped", "true", "min-gens", "1", "max-gens", "2");
    }
}
