package dev.vodelement.element;

import dev.vodelement.failure.SafeText;

/**
 * One image URL of a request and the field it came from ({@code ElementFrontalImage} or
 * {@code ElementReferList[i].ImageUrl}), so that every error can name both.
 */
public record ImageReference(String field, String url) {

    /** The contract code for a broken image rule of this reference. */
    public String invalidCode() {
        return ElementField.ofPath(field).invalidCode();
    }

    /** The URL as it may appear in messages and logs: signing parameters are masked. */
    public String displayUrl() {
        return SafeText.url(url);
    }
}
