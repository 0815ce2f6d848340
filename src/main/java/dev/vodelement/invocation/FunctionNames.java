package dev.vodelement.invocation;

import java.util.List;

/**
 * The functions this application serves, by the names they are invoked with: declared once, for
 * {@code @Funq}, for the HTTP entry's method rule (POST only) and for the messages that list them.
 * {@code FunctionNamesTest} holds {@link #ALL} against every {@code @Funq} method.
 */
public final class FunctionNames {

    public static final String CREATE_ELEMENT = "createElement";
    public static final String VALIDATE_ELEMENT = "validateElement";
    public static final String EVENT_INVOKE = "event-invoke";

    /** Every function, in the order messages list them. */
    public static final List<String> ALL = List.of(CREATE_ELEMENT, VALIDATE_ELEMENT, EVENT_INVOKE);

    private FunctionNames() {
    }
}
