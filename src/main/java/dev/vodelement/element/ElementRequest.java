package dev.vodelement.element;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A valid {@code CreateAigcCustomElement} request, serialized with the API's exact field names.
 * Instances come from {@link ElementRequestParser}, which has already applied the field rules.
 */
@RegisterForReflection
public record ElementRequest(
        @JsonProperty("ElementName") String elementName,
        @JsonProperty("ElementDescription") String elementDescription,
        @JsonProperty("ElementFrontalImage") String elementFrontalImage,
        @JsonProperty("ElementReferList") List<ElementReferInfo> elementReferList) {

    public ElementRequest {
        elementReferList = List.copyOf(elementReferList);
    }

    /** Every image of the request, labelled with the field it came from, in request order. */
    public List<ImageReference> imageReferences() {
        List<ImageReference> references = new ArrayList<>(1 + elementReferList.size());
        references.add(new ImageReference(ElementField.FRONTAL_IMAGE.apiName(), elementFrontalImage));
        for (int i = 0; i < elementReferList.size(); i++) {
            references.add(new ImageReference(ElementField.referImagePath(i), elementReferList.get(i).imageUrl()));
        }
        return references;
    }
}
