package dev.vodelement.scf.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vodelement.config.ScfConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Starts the {@link CustomRuntimeLoop} when SCF announces its runtime API
 * ({@code SCF_RUNTIME_API} and {@code SCF_RUNTIME_API_PORT}), on a thread of its own that keeps
 * the process alive, and stops it on shutdown. Elsewhere the function only serves HTTP.
 */
@ApplicationScoped
public class CustomRuntimeStarter {

    private static final Logger LOG = Logger.getLogger(CustomRuntimeStarter.class);

    private final ScfConfig config;
    private final RawEventInvoker invoker;
    private final Vertx vertx;
    private CustomRuntimeLoop loop;
    private Thread thread;

    public CustomRuntimeStarter(ScfConfig config, RawEventInvoker invoker, Vertx vertx) {
        this.config = config;
        this.invoker = invoker;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        if (config.runtimeApi().filter(host -> !host.isBlank()).isEmpty() || config.runtimeApiPort().isEmpty()) {
            return;
        }
        loop = new CustomRuntimeLoop(vertx, CustomRuntimeLoop.apiUri(config.runtimeApi().get().trim(),
                config.runtimeApiPort().get()), invoker::invoke);
        thread = new Thread(loop, "scf-custom-runtime");
        thread.setDaemon(false);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop == null) {
            return;
        }
        loop.stop();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the SCF Custom Runtime loop did not stop within 5 s");
        }
    }
}
