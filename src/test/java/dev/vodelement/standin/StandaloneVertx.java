package dev.vodelement.standin;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance of clients built outside Quarkus (tests, benchmarks): one per process, made
 * on first use. Inside the application every outbound client is given the Quarkus-managed
 * {@link Vertx} instead, so the function has one event-loop pool for all its HTTP.
 */
public final class StandaloneVertx {

    private static volatile Vertx instance;

    private StandaloneVertx() {
    }

    public static Vertx get() {
        Vertx vertx = instance;
        if (vertx == null) {
            synchronized (StandaloneVertx.class) {
                vertx = instance;
                if (vertx == null) {
                    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
                    instance = vertx;
                }
            }
        }
        return vertx;
    }
}
