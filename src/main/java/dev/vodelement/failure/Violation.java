package dev.vodelement.failure;

/** One broken rule: a contract error code ({@code InvalidParameterValue.ElementName}) and a readable message. */
public record Violation(String code, String message) {
}
