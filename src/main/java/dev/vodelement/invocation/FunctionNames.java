package dev.vodelement.invocation;

import java.util.List;
import java.util.stream.Collectors;

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

    /** The paths of {@link #ALL} as messages list them: {@code /createElement, /validateElement, /event-invoke}. */
    public static final String PATHS = ALL.stream().map(name -> "/" + name).collect(Collectors.joining(", "));

    /** A regular expression of any function's path, without its trailing slash: {@code /(createElement|...)}. */
    public static final String PATH_REGEX = "/(" + String.join("|", ALL) + ")";

    private FunctionNames() {
    }
}
