package dev.vodelement.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * Finds the classes that Jackson reads or writes by reflection and that a native executable would
 * therefore need registered, and reports those that are not. A class needs registration when it
 * carries a Jackson annotation anywhere (class, field, record component, method, parameter), when
 * a {@code @Funq} function takes or returns it, or when it is the type (or a type argument) of a
 * field of a class that needs registration: that is how nested records are reached.
 */
final class ReflectionRegistrationScan {

    static final DotName REGISTER_FOR_REFLECTION = DotName
            .createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
    static final DotName FUNQ = DotName.createSimple("io.quarkus.funqy.Funq");
    private static final List<String> JACKSON_ANNOTATION_PACKAGES = List.of(
            "com.fasterxml.jackson.annotation.", "com.fasterxml.jackson.databind.annotation.");

    private final IndexView index;

    ReflectionRegistrationScan(IndexView index) {
        this.index = index;
    }

    /** Names of the classes that need registration, registered or not. */
    Set<String> needingRegistration() {
        Deque<DotName> pending = new ArrayDeque<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (hasJacksonAnnotation(type)) {
                pending.add(type.name());
            }
            for (MethodInfo method : type.methods()) {
                if (method.hasDeclaredAnnotation(FUNQ)) {
                    addReferenced(method.returnType(), pending);
                    method.parameterTypes().forEach(parameter -> addReferenced(parameter, pending));
                }
            }
        }
        Set<DotName> seen = new HashSet<>();
        Set<String> names = new TreeSet<>();
        while (!pending.isEmpty()) {
            DotName name = pending.pop();
            ClassInfo type = index.getClassByName(name);
            if (type == null || !seen.add(type.name())) {
                continue;
            }
            names.add(type.name().toString());
            for (FieldInfo field : type.fields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.flags())) {
                    addReferenced(field.type(), pending);
                }
            }
        }
        return names;
    }

    /** Names of the classes that need registration and have none, sorted. */
    Set<String> unregistered() {
        Set<String> registered = registered();
        Set<String> missing = new TreeSet<>(needingRegistration());
        missing.removeAll(registered);
        return missing;
    }

    /** Classes annotated @RegisterForReflection, and the targets and class names such annotations list. */
    private Set<String> registered() {
        Set<String> registered = new HashSet<>();
        for (AnnotationInstance annotation : index.getAnnotations(REGISTER_FOR_REFLECTION)) {
            if (annotation.target() == null || annotation.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            AnnotationValue targets = annotation.value("targets");
            AnnotationValue classNames = annotation.value("classNames");
            if (targets == null && classNames == null) {
                registered.add(annotation.target().asClass().name().toString());
            }
            if (targets != null) {
                for (Type target : targets.asClassArray()) {
                    registered.add(target.name().toString());
                }
            }
            if (classNames != null) {
                registered.addAll(List.of(classNames.asStringArray()));
            }
        }
        return registered;
    }

    private static boolean hasJacksonAnnotation(ClassInfo type) {
        return type.annotations().stream().anyMatch(a -> isJackson(a.name()))
                || type.declaredAnnotations().stream().anyMatch(a -> isJackson(a.name()));
    }

    private static boolean isJackson(DotName annotation) {
        String name = annotation.toString();
        return JACKSON_ANNOTATION_PACKAGES.stream().anyMatch(name::startsWith);
    }

    /** The class of a type and those of its type arguments and array elements. */
    private static void addReferenced(Type type, Deque<DotName> into) {
        switch (type.kind()) {
            case CLASS -> into.add(type.name());
            case ARRAY -> addReferenced(type.asArrayType().elementType(), into);
            case PARAMETERIZED_TYPE -> {
                into.add(type.name());
                type.asParameterizedType().arguments().forEach(argument -> addReferenced(argument, into));
            }
            case WILDCARD_TYPE -> addReferenced(type.asWildcardType().extendsBound(), into);
            default -> {
            }
        }
    }
}
