package dev.vodelement.image.address;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to every address it has. Called once per hop: the connection then goes to
 * an address that was checked, so a DNS answer that changes between check and connect (rebinding)
 * cannot lead anywhere unchecked. Replaceable in tests, which cannot control real DNS.
 */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = InetAddress::getAllByName;
}
