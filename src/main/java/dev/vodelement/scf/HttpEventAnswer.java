package dev.vodelement.scf;

import dev.vodelement.invocation.LoggedOutcome;

/**
 * What an HTTP-carrying event (API Gateway, function URL) is answered with, and what the invocation
 * log says of it: the invocation succeeds whatever status the caller is shown, so the outcome is
 * taken where it is still known.
 */
public record HttpEventAnswer(IntegrationResponse response, LoggedOutcome outcome) {
}
