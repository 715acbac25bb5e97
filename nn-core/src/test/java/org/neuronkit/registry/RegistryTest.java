package org.neuronkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

class RegistryTest {
    /** A registry of strings that echo their parsed arguments, to see what a factory receives. */
    private static Registry<String> echo() {
        return new Registry<String>("thing")
                .add("plain", "no parameters", args -> "plain" + args.atMost(0).size())
                .add("pair(a,b)", "two parameters", args -> args.text(0, "-") + "|" + args.text(1, "-"), "pair(1,2)")
                .add("keyed(x=1)", "named parameters", args -> String.valueOf(args.keys("x").number("x", 1)))
                .alias("couple", "pair");
    }

    @Test
    void namesAreCaseInsensitiveAndAliasesReachTheirEntry() {
        Registry<String> r = echo();
        assertEquals("plain0", r.parse("PLAIN"));
        assertEquals("3|4", r.parse(" Couple( 3 , 4 ) "));
        assertEquals(List.of("plain", "pair", "keyed"), r.names());
        assertEquals(List.of("plain", "pair(a,b)", "keyed(x=1)"), r.usages());
        assertEquals(List.of("plain", "pair(1,2)", "keyed"), r.examples());
    }

    @Test
    void argumentsSplitAtTopLevelCommasOnly() {
        assertEquals("f(1,2)|g(h(3),4)", echo().parse("pair(f(1,2), g(h(3),4))"));
        assertEquals("-|-", echo().parse("pair()"));
        assertEquals("2.5", echo().parse("keyed(X=2.5)"));
    }

    @Test
    void errorsNameTheSpecAndTheKnownNames() {
        Registry<String> r = echo();
        assertEquals("unknown thing 'plane'; known: plain, pair(a,b), keyed(x=1)",
                assertThrows(ConfigurationException.class, () -> r.parse("plane")).getMessage());
        assertEquals("thing 'plain(1)' takes no parameters, got 1",
                assertThrows(ConfigurationException.class, () -> r.parse("plain(1)")).getMessage());
        assertEquals("thing 'pair(1,2': missing ')'", assertThrows(ConfigurationException.class, () -> r.parse("pair(1,2")).getMessage());
        assertEquals("thing 'pair(f(1,2)': unbalanced parentheses",
                assertThrows(ConfigurationException.class, () -> r.parse("pair(f(1,2)")).getMessage());
        assertEquals("thing 'keyed(x=abc)': parameter 'abc' is not a number",
                assertThrows(ConfigurationException.class, () -> r.parse("keyed(x=abc)")).getMessage());
        assertEquals("thing 'keyed(y=1)': parameter 'y=1' is not one of x=…",
                assertThrows(ConfigurationException.class, () -> r.parse("keyed(y=1)")).getMessage());
    }

    @Test
    void aNameIsRegisteredOnce() {
        assertEquals("thing 'pair' is already registered",
                assertThrows(IllegalArgumentException.class, () -> echo().add("PAIR", "again", args -> "")).getMessage());
        assertEquals("thing 'plain' is already registered",
                assertThrows(IllegalArgumentException.class, () -> echo().alias("plain", "pair")).getMessage());
    }
}
