package dev.vodelement.element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.CredentialsResolver;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.vod.VodAnswer;
import dev.vodelement.vod.VodClient;

/**
 * {@link ElementService#createAsync}: credentials before any image, the images without a thread,
 * the blocking VOD call on the executor it is given (never on the thread that ended the image
 * checks: in production an event loop), with the invocation's deadline handed through.
 */
class ElementServiceAsyncTest {

    private static final TencentCredentials CREDENTIALS = new TencentCredentials("AKID", "key", null);
    private static final ElementRequest REQUEST = new ElementRequest("Lin", "A test element",
            "http://a.example/front.jpg", List.of(new ElementReferInfo("http://b.example/side.png")));

    private final ImageInspector images = mock(ImageInspector.class);
    private final VodClient vod = mock(VodClient.class);
    private final CredentialsResolver credentials = mock(CredentialsResolver.class);
    private final ElementService service = new ElementService(images, vod, credentials);
    private final InvocationDeadline deadline = InvocationDeadlines.defaults().current();
    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-worker"));

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void theVodCallRunsOnTheWorkerWithTheDeadlineHandedIn() throws Exception {
        CompletableFuture<List<ImageFacts>> checked = new CompletableFuture<>();
        when(credentials.resolve(Optional.empty())).thenReturn(CREDENTIALS);
        when(images.inspectAsync(REQUEST.imageReferences(), deadline)).thenReturn(checked);
        AtomicReference<String> calledOn = new AtomicReference<>();
        when(vod.call(eq(ElementService.ACTION), eq(REQUEST), eq(CREDENTIALS), eq(deadline))).thenAnswer(call -> {
            calledOn.set(Thread.currentThread().getName());
            return new VodAnswer(new ObjectMapper().readTree("{\"ElementId\":\"100000001\"}"), "req-1", 1);
        });

        CompletableFuture<CreatedElement> created = service.createAsync(REQUEST, Optional.empty(), deadline, workers)
                .toCompletableFuture();
        assertFalse(created.isDone(), "the images are not checked yet");
        verify(vod, never()).call(any(), any(), any(), any());
        checked.complete(List.of()); // on this thread, standing for the event loop that ends the checks

        assertEquals(new CreatedElement("100000001", "req-1", 1), created.get(30, TimeUnit.SECONDS));
        assertEquals("test-worker", calledOn.get());
    }

    @Test
    void missingCredentialsAreThrownBeforeAnyImageIsChecked() {
        FunctionFailure missing = FunctionFailure.misconfigured("MissingCredentials", "no credentials");
        when(credentials.resolve(Optional.empty())).thenThrow(missing);

        assertSame(missing, assertThrows(FunctionFailure.class,
                () -> service.createAsync(REQUEST, Optional.empty(), deadline, workers)));
        verifyNoInteractions(images, vod);
    }

    @Test
    void brokenImagesFailTheStageWithoutAVodCall() {
        FunctionFailure broken = FunctionFailure.invalid("InvalidParameterValue.ElementFrontalImage", "too small");
        when(credentials.resolve(Optional.empty())).thenReturn(CREDENTIALS);
        when(images.inspectAsync(REQUEST.imageReferences(), deadline))
                .thenReturn(CompletableFuture.failedFuture(broken));

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> service
                .createAsync(REQUEST, Optional.empty(), deadline, workers).toCompletableFuture()
                .get(30, TimeUnit.SECONDS));
        assertSame(broken, thrown.getCause());
        verifyNoInteractions(vod);
    }

    @Test
    void validateAsyncReportsTheFacts() throws Exception {
        ImageFacts front = new ImageFacts("ElementFrontalImage", "http://a.example/front.jpg", "JPEG", 768, 1024, 1);
        when(images.inspectAsync(REQUEST.imageReferences(), deadline))
                .thenReturn(CompletableFuture.completedFuture(List.of(front)));

        ValidationReport report = service.validateAsync(REQUEST, deadline).toCompletableFuture().get(30,
                TimeUnit.SECONDS);
        assertTrue(report.valid());
        assertEquals(List.of(front), report.images());
    }
}
