package dev.vodelement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.image-check.*}: how image references are fetched and checked before VOD is called.
 * Every key is also an environment variable ({@code vod.image-check.deadline} is
 * {@code VOD_IMAGE_CHECK_DEADLINE}). See docs/images.md for why each default is what it is.
 */
@ConfigMapping(prefix = "vod.image-check")
public interface ImageCheckConfig {

    /**
     * Skips the address rule (loopback, private, link-local, unique-local, CGNAT, unspecified,
     * multicast). Default {@code false}; only for tests and dev mode, where images are served on
     * loopback. Never turn it on in a deployed function: callers could make it fetch internal URLs.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** Time to open a TCP connection to one address of an image host. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest silence allowed while waiting for bytes from an image host. */
    @WithDefault("3s")
    Duration readTimeout();

    /**
     * Overall time for one image, from the moment the request's check starts: DNS, every
     * connection, redirect and range request included. An image still undecided then is reported
     * as "timed out after ...". Images are checked concurrently, so this also bounds the whole check.
     * Never more than the invocation's deadline leaves for work ({@code vod.invocation.*}).
     */
    @WithDefault("5s")
    Duration deadline();

    /** Redirects followed per image; every hop is checked against the scheme and address rules. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Hard cap on body bytes read per image, whatever the server does (ignored ranges, no size, a
     * body longer than announced). The default, 10 MiB + 1 byte, is the most any decision can need:
     * a JPEG frame header past 10 MiB means the file is over the size limit anyway.
     */
    @WithDefault("10485761")
    long maxBytesPerImage();

    /**
     * Size of the first {@code Range} request (bytes 0 to this - 1). 12 KiB fits, with the response
     * headers, in a server's first TCP flight (initial window of 10 segments, about 14.6 KB), so a
     * smaller range would save no time; it covers PNG headers and most JPEG headers without EXIF.
     */
    @WithDefault("12288")
    int firstRangeBytes();

    /**
     * Range requests (redirects not counted) per image before the prober streams the rest of the
     * file in one open range; each further range is four times as large as the one before (up to
     * 1 MiB), so deep frame headers (Photoshop extended XMP) cost a few round trips, not one per
     * segment.
     */
    @WithDefault("8")
    int maxRequestsPerImage();

    /**
     * Images of one request probed at the same time, on threads of that request only: no pool is
     * shared between requests, so one whose hosts hang cannot hold up another.
     */
    @WithDefault("16")
    int concurrency();
}
