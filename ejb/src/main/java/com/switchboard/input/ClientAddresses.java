package com.switchboard.input;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client a request comes from. That is the connection's peer, unless the peer is one of the
 * reverse proxies the operator trusts ({@code switchboard.trusted-proxies}: addresses or networks,
 * comma-separated): then it is the nearest address in {@code X-Forwarded-For} that is not a trusted proxy, since
 * anything further left was written by the client itself. Without trusted proxies the header is ignored: anyone
 * can send it. Limits, sign-in counts and network blocks all go by this address.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "switchboard.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    private List<IPAddress> proxies;

    @PostConstruct
    void parse() {
        proxies = parse(trustedProxies);
    }

    static List<IPAddress> parse(String setting) {
        var parsed = new ArrayList<IPAddress>();
        for (var entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            var network = new IPAddressString(entry.strip()).getAddress();
            if (network == null) {
                throw new IllegalStateException("SWITCHBOARD_TRUSTED_PROXIES: '" + entry.strip()
                        + "' is not an address or a network (e.g. 10.0.0.5 or 10.0.0.0/24)");
            }
            parsed.add(network.toPrefixBlock());
        }
        return List.copyOf(parsed);
    }

    /**
     * @param peer         the connection's remote address
     * @param forwardedFor the {@code X-Forwarded-For} header's values joined by commas, or null
     */
    public String of(String peer, String forwardedFor) {
        return of(proxies, peer, forwardedFor);
    }

    static String of(List<IPAddress> proxies, String peer, String forwardedFor) {
        if (proxies.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trusted(proxies, peer)) {
            return peer;
        }
        var hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = new IPAddressString(hops[i].strip()).getAddress();
            if (hop == null) {
                return client;
            }
            client = hop.toCanonicalString();
            if (!trusted(proxies, client)) {
                return client;
            }
        }
        return client;
    }

    private static boolean trusted(List<IPAddress> proxies, String address) {
        var parsed = address == null ? null : new IPAddressString(address.strip()).getAddress();
        return parsed != null && proxies.stream().anyMatch(proxy -> proxy.contains(parsed));
    }
}
