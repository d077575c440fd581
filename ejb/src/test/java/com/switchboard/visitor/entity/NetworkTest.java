package com.switchboard.visitor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.input.RequestRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void addressesAndNetworksGetOneCanonicalForm() {
        assertEquals("203.0.113.7/32", Network.parse(" 203.0.113.7 ").cidr());
        assertEquals("203.0.113.0/24", Network.parse("203.0.113.0/24").cidr());
        assertEquals("203.0.113.0/24", Network.parse("203.0.113.99/24").cidr(), "host bits dropped");
        assertEquals("2001:db8::/32", Network.parse("2001:DB8:0:0::/32").cidr());
        assertEquals("2001:db8::1/128", Network.parse("2001:db8::1").cidr());
    }

    @Test
    void aNetworkContainsExactlyItsAddresses() {
        var network = Network.parse("203.0.113.0/24");
        assertTrue(network.contains("203.0.113.0"));
        assertTrue(network.contains("203.0.113.255"));
        assertFalse(network.contains("203.0.114.0"));
        assertFalse(network.contains("2001:db8::1"));
        assertFalse(network.contains(null));
        assertFalse(network.contains("not an address"));
        assertTrue(Network.parse("2001:db8::/32").contains("2001:db8:ffff::1"));
        assertTrue(Network.parse("198.51.100.4").contains("198.51.100.4"));
        assertFalse(Network.parse("198.51.100.4").contains("198.51.100.5"));
    }

    @Test
    void anythingElseIsRefusedByName() {
        for (var bad : List.of("", "   ", "example.com", "300.1.1.1", "10.0.0.0/33", "1.2.3.4/x")) {
            assertEquals("block.network",
                    assertThrows(RequestRejectedException.class, () -> Network.parse(bad)).code(), bad);
        }
        assertEquals("block.network", assertThrows(RequestRejectedException.class, () -> Network.parse(null)).code());
    }
}
