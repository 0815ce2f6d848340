package dev.vodelement.image.address;

import java.net.InetAddress;
import java.util.Optional;

/** Decides whether an image host's address may be fetched: the contract's rule, or everything (tests, dev mode). */
@FunctionalInterface
public interface AddressPolicy {

    /** Why the address is refused ("a loopback address (127.0.0.1)"), or empty. */
    Optional<String> violation(InetAddress address);

    /** The contract's address rule. */
    AddressPolicy PUBLIC_ONLY = AddressRule::violation;

    /** {@code vod.image-check.allow-private-networks=true}. */
    AddressPolicy ALLOW_ALL = address -> Optional.empty();
}
