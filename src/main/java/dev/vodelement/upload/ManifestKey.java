package dev.vodelement.upload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import dev.vodelement.lock.LockedKey;

/**
 * The object key of a manifest ({@code <folder>/<name>.element.json}) and the keys derived from
 * it: the outcome objects written next to it, its lock objects, and the image keys it refers to.
 */
public record ManifestKey(String key) implements LockedKey {

    @Override
    public String kind() {
        return "manifest";
    }


    public static final String SUFFIX = ".element.json";

    public ManifestKey {
        if (!isManifest(key)) {
            throw new IllegalArgumentException("not a manifest key: " + key);
        }
    }

    public static boolean isManifest(String key) {
        return key != null && key.endsWith(SUFFIX);
    }

    /** The key without {@code .element.json}: {@code dir/cat} for {@code dir/cat.element.json}. */
    public String base() {
        return key.substring(0, key.length() - SUFFIX.length());
    }

    /** {@code <name>.element.result.json}: the recorded ElementId. */
    public String resultKey() {
        return base() + ".element.result.json";
    }

    /** {@code <name>.element.error.json}: why the manifest was rejected. */
    public String errorKey() {
        return base() + ".element.error.json";
    }

    /** Lock object of a level: {@code <name>.element.lock}, then {@code .element.lock.2}, ... */
    @Override
    public String lockKey(int level) {
        return base() + ".element.lock" + (level == 1 ? "" : "." + level);
    }

    /** The folder of the manifest, with its trailing "/", or "" at the bucket root. */
    public String folder() {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    /**
     * The object key an image reference names: from the bucket root with a leading "/", otherwise
     * relative to the manifest's folder. "." and ".." segments are resolved like a path; empty when
     * ".." climbs above the bucket root or nothing is left.
     */
    public Optional<String> resolve(String reference) {
        String joined = reference.startsWith("/") ? reference.substring(1) : folder() + reference;
        Deque<String> segments = new ArrayDeque<>();
        for (String part : joined.split("/", -1)) {
            if (part.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else if (!part.equals(".")) {
                segments.addLast(part);
            }
        }
        String resolved = String.join("/", segments);
        return resolved.isEmpty() || resolved.endsWith("/") ? Optional.empty() : Optional.of(resolved);
    }

    @Override
    public String toString() {
        return key;
    }
}
