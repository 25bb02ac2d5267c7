package dev.crosspost.webhook.outgoing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

import dev.crosspost.refusal.Invalid;
import dev.crosspost.webhook.WebhookProperties;
import org.apache.hc.client5.http.DnsResolver;

/**
 * No server-side request forgery: an outgoing hook reaches public addresses only. A host is resolved, and refused
 * when any of its addresses is loopback, private, link-local, multicast, unspecified or otherwise not routed on the
 * internet, unless the host is named (as written in the URL) in {@code crosspost.webhooks.allowed-private-hosts}.
 * <p>
 * Checked when a hook is saved ({@link #check}), and again on every send: the HTTP client resolves host names
 * through this resolver and connects only to the addresses it returns, so a name that resolves to a public address
 * when the hook is saved and to an inside one later (DNS rebinding) is refused then, before any connection.
 */
final class TargetGuard implements DnsResolver {

    /** How a host becomes addresses: the system's resolver, or a test's. */
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** A host refused by the guard (an {@link UnknownHostException}, so the HTTP client gives up on it at once). */
    static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    private final Set<String> allowed;
    private final Lookup lookup;

    TargetGuard(Collection<String> allowedPrivateHosts, Lookup lookup) {
        this.allowed = Set.copyOf(allowedPrivateHosts.stream().map(WebhookProperties::hostKey).toList());
        this.lookup = lookup;
    }

    static TargetGuard system(Collection<String> allowedPrivateHosts) {
        return new TargetGuard(allowedPrivateHosts, InetAddress::getAllByName);
    }

    /**
     * A URL fit to save: http or https, with a host whose addresses are all public (or that is allowed). Returns the
     * host, to show instead of the URL; a 400 saying why otherwise.
     */
    String check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new Invalid("url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Invalid("url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Invalid("url has no host");
        }
        if (url.length() > 2000) {
            throw new Invalid("url is longer than 2000 characters");
        }
        try {
            resolve(uri.getHost());
        } catch (Refused refused) {
            throw new Invalid(refused.getMessage());
        } catch (UnknownHostException e) {
            throw new Invalid("url's host '" + uri.getHost() + "' does not resolve");
        }
        return uri.getHost();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String key = WebhookProperties.hostKey(host);
        InetAddress[] addresses = lookup.all(key);
        if (allowed.contains(key)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            String why = notPublic(address);
            if (why != null) {
                throw new Refused("the host '" + host + "' resolves to " + address.getHostAddress() + ", a " + why
                        + " address: refused (an on-premises receiver may be named in "
                        + "crosspost.webhooks.allowed-private-hosts)");
            }
        }
        return addresses;
    }

    /** No reverse lookup: the name in the URL is the one TLS checks. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** Why {@code address} is no public internet address, or {@code null} when it is one. */
    static String notPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? notPublic4(b) : notPublic6(b);
    }

    private static String notPublic4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "shared (carrier-grade NAT)";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0 || first == 198 && (second & 0xfe) == 18
                || first >= 240) {
            return "reserved";
        }
        return null;
    }

    private static String notPublic6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return "private (unique local)";
        }
        boolean zeroes = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (zeroes || nat64) { // ::a.b.c.d and 64:ff9b::a.b.c.d carry an IPv4 address
            return embedded(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4: 2002:a.b.c.d::/48
            return embedded(Arrays.copyOfRange(b, 2, 6));
        }
        return null;
    }

    private static String embedded(byte[] v4) {
        try {
            return notPublic(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return "malformed";
        }
    }
}
