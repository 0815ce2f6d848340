package dev.vodelement.scf.runtime;

/** What the Custom Runtime loop reports for one event: a response body, or an error body. */
public record InvocationOutcome(boolean success, String body) {

    public static InvocationOutcome response(String body) {
        return new InvocationOutcome(true, body);
    }

    public static InvocationOutcome error(String body) {
        return new InvocationOutcome(false, body);
    }
}
