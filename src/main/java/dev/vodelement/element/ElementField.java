package dev.vodelement.element;

/** The request fields, by their API names; error codes are built from these names. */
public enum ElementField {
    NAME("ElementName"),
    DESCRIPTION("ElementDescription"),
    FRONTAL_IMAGE("ElementFrontalImage"),
    REFER_LIST("ElementReferList");

    private final String apiName;

    ElementField(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public String missingCode() {
        return "MissingParameter." + apiName;
    }

    public String invalidCode() {
        return "InvalidParameterValue." + apiName;
    }

    /** The path of a reference image's URL in a request: {@code ElementReferList[2].ImageUrl}. */
    public static String referImagePath(int index) {
        return referEntryPath(index) + ".ImageUrl";
    }

    /** The path of an entry of the reference list: {@code ElementReferList[2]}. */
    public static String referEntryPath(int index) {
        return REFER_LIST.apiName + "[" + index + "]";
    }

    /** The top-level field of a path such as {@code ElementReferList[2].ImageUrl}. */
    public static ElementField ofPath(String path) {
        for (ElementField field : values()) {
            if (path.startsWith(field.apiName)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a request field: " + path);
    }
}
