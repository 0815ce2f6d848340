package dev.vodelement.scf;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.invocation.LoggedOutcome;

/** An event's answer as JSON, with what the invocation log says of it. */
public record EventAnswer(JsonNode body, LoggedOutcome outcome) implements LoggedOutcome.Source {

    @Override
    public LoggedOutcome loggedOutcome() {
        return outcome;
    }
}
