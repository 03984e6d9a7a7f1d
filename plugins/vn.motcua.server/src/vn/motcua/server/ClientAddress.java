package vn.motcua.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which address a request comes from, as the server decides it: the socket's peer, or — only when that peer is one
 * of the configured reverse proxies ({@code trusted.proxies}: addresses or CIDR ranges) — the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot choose its address by sending the header.
 */
final class ClientAddress {
    private final List<Range> trusted = new ArrayList<>();

    /** An address block: {@code bits} leading bits of {@code network}. */
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    ClientAddress(List<String> trustedProxies) {
        for (String t : trustedProxies) {
            int slash = t.indexOf('/');
            byte[] net = literal(slash < 0 ? t : t.substring(0, slash));
            if (net == null) {
                throw new IllegalArgumentException("trusted.proxies: not an IP address or range: " + t);
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("trusted.proxies: bad prefix length in " + t);
            }
            trusted.add(new Range(net, bits));
        }
    }

    /** The client's address for a request whose socket peer is {@code peer}, with the given X-Forwarded-For header. */
    String of(String peer, String forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return normalise(peer);
        }
        // Right to left: each trusted proxy appended the address it saw; the first untrusted one is the client.
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) {
                // A proxy never writes garbage: what is left of this point was sent by the client.
                return normalise(peer);
            }
            if (!isTrusted(hop)) {
                return normalise(hop);
            }
        }
        return normalise(peer);
    }

    boolean isTrusted(String address) {
        byte[] a = literal(address);
        return a != null && trusted.stream().anyMatch(r -> r.contains(a));
    }

    private static String normalise(String address) {
        try {
            byte[] a = literal(address);
            return a == null ? String.valueOf(address) : InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return String.valueOf(address);
        }
    }

    /** The bytes of an IPv4/IPv6 literal (brackets allowed), or null — never a DNS lookup. */
    static byte[] literal(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (t.isEmpty() || t.length() > 45 || !(t.matches("[0-9.]+") || t.matches("[0-9a-fA-F:.]+") && t.contains(":"))) {
            return null;
        }
        if (!t.contains(":")) {
            String[] octets = t.split("\\.", -1);
            if (octets.length != 4) {
                return null;
            }
            byte[] a = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (octets[i].isEmpty() || octets[i].length() > 3 || Integer.parseInt(octets[i]) > 255) {
                    return null;
                }
                a[i] = (byte) Integer.parseInt(octets[i]);
            }
            return a;
        }
        try {
            // In brackets the JDK parses an IPv6 literal and never asks DNS (an invalid one fails at once).
            return InetAddress.getByName("[" + t + "]").getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
