package dev.vodelement.element;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.vodelement.invocation.InvocationDeadline;

/**
 * Checks the images of a request against the API's image rules (format by bytes, size, minimum
 * side, aspect ratio, allowed addresses) without downloading them whole.
 */
public interface ImageInspector {

    /**
     * Inspects every reference concurrently and returns their facts in the same order, waiting on
     * the caller's thread; the invocation's deadline is the current one.
     *
     * @throws dev.vodelement.failure.FunctionFailure an invalid request listing every broken
     *         image, each message naming the field, the URL, the rule and the value found
     */
    List<ImageFacts> inspect(List<ImageReference> references);

    /**
     * The same check holding no thread while the images are fetched: the HTTP functions use it so
     * that a request whose image hosts hang costs no worker thread. The deadline is passed in
     * because the stage completes after the request context (where the current deadline lives) is
     * gone.
     *
     * @return the facts in the same order, or a stage failed with the same
     *         {@link dev.vodelement.failure.FunctionFailure} {@link #inspect} throws. It may complete
     *         on an event loop or a timer thread: a caller that blocks next moves to a worker first
     */
    CompletionStage<List<ImageFacts>> inspectAsync(List<ImageReference> references, InvocationDeadline deadline);
}
