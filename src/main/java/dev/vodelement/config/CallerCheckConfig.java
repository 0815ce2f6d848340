package dev.vodelement.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.caller-check.*}: who may call the HTTP functions ({@code POST /createElement},
 * {@code /validateElement}, {@code /event-invoke}) where no platform authenticates callers, e.g.
 * the packaged jar or container behind someone else's proxy. Every call creates or checks elements
 * on the owner's VOD account with the function's credentials. Off in dev mode. Every key is also an
 * environment variable ({@code vod.caller-check.tokens} is {@code VOD_CALLER_CHECK_TOKENS}).
 * Docs: README "Configuration", docs/deploy.md "Who may call the function".
 */
@ConfigMapping(prefix = "vod.caller-check")
public interface CallerCheckConfig {

    /**
     * Bearer tokens, comma-separated: a call must carry {@code Authorization: Bearer <one of them>},
     * else it is answered {@code 401}. No default (no check). Give each caller its own token so that
     * one can be withdrawn alone; use long random values ({@code openssl rand -hex 32}). Never logged.
     */
    Optional<List<String>> tokens();

    /**
     * {@code true} where the platform authenticates every call before it reaches the function: on
     * SCF (a function URL with CAM authentication; events SCF itself delivers to
     * {@code /event-invoke} or through the Custom Runtime API). The function then checks no token
     * and does not warn at start-up. Default {@code false}.
     */
    @WithDefault("false")
    boolean authenticatedUpstream();
}
