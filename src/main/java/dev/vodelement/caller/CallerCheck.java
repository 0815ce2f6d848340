package dev.vodelement.caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.CallerCheckConfig;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.FunctionNames;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The optional caller check of the HTTP functions, for deployments where no platform authenticates
 * callers ({@link CallerCheckConfig}). With tokens configured, a call to {@code /createElement},
 * {@code /validateElement} or {@code /event-invoke} without one of them is answered {@code 401}
 * with the contract's error body and {@code WWW-Authenticate: Bearer}, before its body is read.
 * Function URL events are checked the same way ({@link #admitsEvent}), from the event's headers.
 * Without tokens, and unless the platform is declared to authenticate, a production start logs a
 * warning: anyone who reaches the port can spend the owner's VOD quota.
 */
@ApplicationScoped
public class CallerCheck {

    private static final Logger LOG = Logger.getLogger(CallerCheck.class);

    /** What the check does in this process. */
    enum Mode {
        /** dev mode: never checks */
        DEV_MODE,
        /** the platform authenticates every call */
        AUTHENTICATED_UPSTREAM,
        /** calls must carry a configured bearer token */
        TOKENS,
        /** anyone who reaches the port is served */
        OPEN
    }

    private final CallerTokens tokens;
    private final Mode mode;
    private final LaunchMode launchMode;
    private final ObjectMapper mapper;

    @Inject
    public CallerCheck(CallerCheckConfig config, ObjectMapper mapper) {
        this(config, LaunchMode.current(), mapper);
    }

    CallerCheck(CallerCheckConfig config, LaunchMode launchMode, ObjectMapper mapper) {
        this.tokens = new CallerTokens(config.tokens().orElse(List.of()));
        this.launchMode = launchMode;
        this.mapper = mapper;
        if (launchMode == LaunchMode.DEVELOPMENT) {
            mode = Mode.DEV_MODE;
        } else if (config.authenticatedUpstream()) {
            mode = Mode.AUTHENTICATED_UPSTREAM;
        } else {
            mode = tokens.isEmpty() ? Mode.OPEN : Mode.TOKENS;
        }
    }

    Mode mode() {
        return mode;
    }

    void install(@Observes Router router) {
        if (mode != Mode.TOKENS) {
            return;
        }
        // Right after ContractErrorHandler's GET -> 405 route, before Funqy reads any body.
        router.routeWithRegex(FunctionNames.PATH_REGEX + "/?")
                .order(Integer.MIN_VALUE + 1)
                .handler(this::check);
    }

    void check(RoutingContext context) {
        if (tokens.admits(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            context.next();
            return;
        }
        ErrorAnswer answer = unauthorized();
        var response = context.response().setStatusCode(answer.status());
        answer.responseHeaders().forEach(response::putHeader);
        response.end(answer.json(mapper));
    }

    /**
     * Whether a request that arrived inside an event (a function URL event's {@code headers}) may be
     * served: always, unless tokens are configured, then only with one of them. This is what
     * guards a public function URL ({@code authType: NONE}) when the operator gives it tokens.
     */
    public boolean admitsEvent(String authorization) {
        return mode != Mode.TOKENS || tokens.admits(authorization);
    }

    /**
     * The bearer token that admitted a call, when this function demands tokens (one per caller, so a
     * token tells callers apart: idempotency keys are scoped by it); empty otherwise, also when the
     * platform authenticated the call (a function URL's TC3 {@code Authorization} header changes with
     * every request and names no stable caller).
     */
    public Optional<String> admittedToken(String authorization) {
        if (mode != Mode.TOKENS || !tokens.admits(authorization)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring("Bearer ".length()).strip());
    }

    /** The answer to a call without an admitted token. */
    public static ErrorAnswer unauthorized() {
        return new ErrorAnswer(401, Map.of("WWW-Authenticate", "Bearer"), ErrorBody.of("AuthFailure.Unauthorized",
                "Authorization must be 'Bearer <token>' with a token configured in vod.caller-check.tokens"));
    }

    void warnWhenOpen(@Observes StartupEvent startup) {
        startupWarning().ifPresent(LOG::warn);
    }

    /** The production warning when the functions answer anyone; none in dev or test mode. */
    Optional<String> startupWarning() {
        if (mode != Mode.OPEN || launchMode != LaunchMode.NORMAL) {
            return Optional.empty();
        }
        return Optional.of(FunctionNames.PATHS + " answer unauthenticated callers, who can create elements with this"
                + " function's VOD credentials: set vod.caller-check.tokens (VOD_CALLER_CHECK_TOKENS), or, where"
                + " the platform authenticates every call (SCF function URL with CAM, SCF events),"
                + " vod.caller-check.authenticated-upstream=true (docs/deploy.md)");
    }
}
