package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.junit.jupiter.api.Test;

import dev.vodelement.deploy.MainClassIndex;

class FunctionNamesTest {

    @Test
    void everyFunqMethodIsDeclaredInFunctionNamesAndNothingElseIs() throws Exception {
        Set<String> served = new TreeSet<>();
        for (AnnotationInstance funq : MainClassIndex.build().getAnnotations(DotName.createSimple("io.quarkus.funqy.Funq"))) {
            String name = funq.value() == null ? funq.target().asMethod().name() : funq.value().asString();
            served.add(name.isEmpty() ? funq.target().asMethod().name() : name);
        }

        assertEquals(new TreeSet<>(FunctionNames.ALL), served,
                "a function must be named in FunctionNames.ALL, so that GET answers 405 and messages list it");
    }
}
