package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.element.ElementRequest;

import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native executable only knows the fields and constructors of classes registered for reflection:
 * a DTO that Jackson handles and nobody registered serializes as {@code {}} or fails to parse, in
 * native mode only, which no JVM test would notice. This scans the compiled main classes.
 */
class ReflectionRegistrationTest {

    @Test
    void everyClassJacksonHandlesInMainCodeIsRegisteredForReflection() throws Exception {
        ReflectionRegistrationScan scan = new ReflectionRegistrationScan(MainClassIndex.build());

        Set<String> needing = scan.needingRegistration();
        // The scan must see what it is meant to guard, or an empty result would prove nothing.
        assertTrue(needing.contains("dev.vodelement.element.ElementRequest"), () -> "scanned: " + needing);
        assertTrue(needing.contains("dev.vodelement.element.ElementReferInfo"), () -> "scanned: " + needing);
        assertTrue(needing.contains("dev.vodelement.invocation.ErrorBody$Detail"), () -> "scanned: " + needing);

        assertEquals(Set.of(), scan.unregistered(),
                "add @RegisterForReflection to these classes: Jackson reads or writes them by reflection");
    }

    @Test
    void anUnregisteredDtoIsReportedWhetherAnnotatedNestedOrReturnedByAFunction() throws IOException {
        Index fixtures = Index.of(Registered.class, NestedOnly.class, InList.class, AnnotatedOnly.class,
                Returned.class, NeverSerialized.class, Functions.class, RegisteredElsewhere.class,
                Registrar.class);

        Set<String> unregistered = new ReflectionRegistrationScan(fixtures).unregistered();

        assertEquals(Set.of(name(NestedOnly.class), name(InList.class), name(AnnotatedOnly.class),
                name(Returned.class)), unregistered);
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    // --- fixtures: what the scan must catch and what it must leave alone ---

    @RegisterForReflection
    record Registered(@JsonProperty("Nested") NestedOnly nested, @JsonProperty("Items") List<InList> items) {
    }

    /** No Jackson annotation of its own: reached only as the type of a registered DTO's component. */
    record NestedOnly(String value) {
    }

    /** Reached only as a type argument. */
    record InList(String value) {
    }

    record AnnotatedOnly(@JsonProperty("X") String x) {
    }

    record Returned(String value) {
    }

    /** Never given to Jackson: no registration needed. */
    record NeverSerialized(String value) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record RegisteredElsewhere(String value) {
    }

    @RegisterForReflection(targets = RegisteredElsewhere.class)
    static class Registrar {
    }

    static class Functions {
        @Funq
        public Returned call(JsonNode input) {
            return new Returned(input.asText());
        }
    }
}
