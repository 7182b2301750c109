package org.mmsim.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyArgumentsTest {
    private static final List<PolicyParameter> DECLARED = List.of(
            PolicyParameter.ofDecimal("hot-ratio", 0.5, 0.0, 1.0, "share of hot pages"),
            PolicyParameter.ofInteger("generations", 4, 2, 4, "MAX_NR_GENS"),
            PolicyParameter.ofBoolean("adaptive", true, "adapt the target"));

    @Test
    void missingValuesTakeTheirDefaults() {
        PolicyArguments arguments = PolicyArguments.resolve(DECLARED, Map.of("generations", "3"));
        assertEquals(0.5, arguments.doubleValue("hot-ratio"));
        assertEquals(3, arguments.intValue("generations"));
        assertEquals(true, arguments.booleanValue("adaptive"));
    }

    @Test
    void badValuesNameTheParameterAndWhatWasExpected() {
        assertEquals("parameter hot-ratio = 'lots'; expected a number",
                assertThrows(IllegalArgumentException.class,
                        () -> PolicyArguments.resolve(DECLARED, Map.of("hot-ratio", "lots"))).getMessage());
        assertEquals("parameter generations = 9; expected a value from 2 to 4",
                assertThrows(IllegalArgumentException.class,
                        () -> PolicyArguments.resolve(DECLARED, Map.of("generations", "9"))).getMessage());
        assertEquals("unknown parameter 'size'; expected one of hot-ratio, generations, adaptive",
                assertThrows(IllegalArgumentException.class,
                        () -> PolicyArguments.resolve(DECLARED, Map.of("size", "9"))).getMessage());
        assertEquals("unknown parameter 'generation'; did you mean 'generations'?", assertThrows(IllegalArgumentException.class,
                        () -> PolicyArguments.resolve(DECLARED, Map.of("generation", "3"))).getMessage());
        assertEquals("unknown parameter 'x'; expected none",
                assertThrows(IllegalArgumentException.class,
                        () -> PolicyArguments.resolve(List.of(), Map.of("x", "1"))).getMessage());
    }

    @Test
    void testsRunInsideTheSpiModule() {
        assertEquals("org.mmsim.spi", getClass().getModule().getName());
        assertEquals(java.util.Set.of("java.base"), getClass().getModule().getDescriptor().requires().stream()
                .map(java.lang.module.ModuleDescriptor.Requires::name).collect(java.util.stream.Collectors.toSet()),
                "a plugin that requires the SPI requires nothing else of mmsim");
    }
}
