package dev.vodelement.element;

import java.util.List;

/**
 * Checks the images of a request against the API's image rules (format by bytes, size, minimum
 * side, aspect ratio, allowed addresses) without downloading them whole.
 */
public interface ImageInspector {

    /**
     * Inspects every reference concurrently and returns their facts in the same order.
     *
     * @throws dev.vodelement.failure.FunctionFailure an invalid request listing every broken
     *         image, each message naming the field, the URL, the rule and the value found
     */
    List<ImageFacts> inspect(List<ImageReference> references);
}
