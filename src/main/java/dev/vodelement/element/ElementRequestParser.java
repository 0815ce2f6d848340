package dev.vodelement.element;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.failure.Violation;

/**
 * Turns a JSON body into a valid {@link ElementRequest}, applying the API's field rules. Every
 * broken rule is reported at once, each naming the field, the rule and the value found. Unknown
 * fields are ignored. Lengths count Unicode code points, as the API counts characters.
 */
@ApplicationScoped
public class ElementRequestParser {

    public static final int NAME_MAX = 20;
    public static final int DESCRIPTION_MAX = 100;
    public static final int REFER_MIN = 1;
    public static final int REFER_MAX = 3;
    /** Long enough for pre-signed URLs with temporary-credential tokens; longer ones are hostile. */
    public static final int URL_MAX = 8192;

    public ElementRequest parse(JsonNode body) {
        // No body, or a body of null, is not an object either: one InvalidParameter, not four
        // MissingParameter errors about fields that could not have been there.
        if (body == null || !body.isObject()) {
            throw FunctionFailure.invalid("InvalidParameter",
                    "request body must be a JSON object with ElementName, ElementDescription, ElementFrontalImage "
                            + "and ElementReferList, found " + (body == null ? "no body" : describe(body)));
        }
        List<Violation> violations = new ArrayList<>();
        JsonNode object = body;
        String name = text(object, ElementField.NAME, NAME_MAX, false, violations);
        String description = text(object, ElementField.DESCRIPTION, DESCRIPTION_MAX, true, violations);
        String frontal = url(object.get(ElementField.FRONTAL_IMAGE.apiName()), ElementField.FRONTAL_IMAGE,
                ElementField.FRONTAL_IMAGE.apiName(), violations);
        List<ElementReferInfo> refers = referList(object.get(ElementField.REFER_LIST.apiName()), violations);
        if (!violations.isEmpty()) {
            throw FunctionFailure.invalid(violations);
        }
        return new ElementRequest(name, description, frontal, refers);
    }

    /**
     * @param freeText whether tab and line breaks are allowed: yes in a description (prose may have
     *                 paragraphs), no in a name (one line, shown as a label)
     */
    private static String text(JsonNode object, ElementField field, int max, boolean freeText,
            List<Violation> violations) {
        int min = 1;
        JsonNode node = object.get(field.apiName());
        if (isAbsent(node)) {
            violations.add(new Violation(field.missingCode(), field.apiName() + " is required"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field.invalidCode(),
                    field.apiName() + " must be a string, found " + describe(node)));
            return null;
        }
        String value = node.textValue();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            violations.add(new Violation(field.invalidCode(), field.apiName() + " must be " + min + " to " + max
                    + " characters, found " + length));
        }
        String problem = TextRules.loneSurrogate(value);
        if (problem == null) {
            problem = TextRules.controlCharacter(value, freeText);
        }
        if (problem == null && !value.isEmpty() && !TextRules.hasVisibleCharacter(value)) {
            problem = "must contain a visible character, found only spaces or invisible characters";
        }
        if (problem != null) {
            violations.add(new Violation(field.invalidCode(), field.apiName() + " " + problem));
        }
        return value;
    }

    private static List<ElementReferInfo> referList(JsonNode node, List<Violation> violations) {
        ElementField field = ElementField.REFER_LIST;
        if (isAbsent(node)) {
            violations.add(new Violation(field.missingCode(), field.apiName() + " is required"));
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new Violation(field.invalidCode(),
                    field.apiName() + " must be an array of {\"ImageUrl\": ...} objects, found " + describe(node)));
            return List.of();
        }
        if (node.size() < REFER_MIN || node.size() > REFER_MAX) {
            violations.add(new Violation(field.invalidCode(), field.apiName() + " must have " + REFER_MIN + " to "
                    + REFER_MAX + " entries, found " + node.size()));
            return List.of();
        }
        List<ElementReferInfo> refers = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String path = ElementField.referEntryPath(i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                violations.add(new Violation(field.invalidCode(),
                        path + " must be an object with ImageUrl, found " + describe(entry)));
                continue;
            }
            refers.add(new ElementReferInfo(url(entry.get("ImageUrl"), field, ElementField.referImagePath(i), violations)));
        }
        return refers;
    }

    private static String url(JsonNode node, ElementField field, String path, List<Violation> violations) {
        if (isAbsent(node)) {
            violations.add(new Violation(field.missingCode(), path + " is required"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field.invalidCode(), path + " must be a URL string, found " + describe(node)));
            return null;
        }
        String value = node.textValue();
        String problem = TextRules.loneSurrogate(value);
        if (problem == null) {
            problem = urlProblem(value);
        }
        if (problem != null) {
            violations.add(new Violation(field.invalidCode(), path + " " + problem));
        }
        return value;
    }

    /** Why a string is not an acceptable image URL, or null when it is one. */
    static String urlProblem(String value) {
        if (value.isBlank()) {
            return "must be an http or https URL, found an empty string";
        }
        if (value.length() > URL_MAX) {
            return "must be at most " + URL_MAX + " characters long, found " + value.length();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "): " + SafeText.url(value);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return "must use http or https, found " + (scheme == null ? "no scheme" : "scheme '" + scheme + "'")
                    + ": " + SafeText.url(value);
        }
        // The authority, not URI.getHost(): Java leaves the host empty for names it cannot read as
        // a host (0x7f.1, under_score.example), which the image checks read and judge themselves.
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return "must name a host: " + SafeText.url(value);
        }
        return null;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number (" + node.asText() + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL, MISSING -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
