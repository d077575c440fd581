package com.switchboard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final List<inet.ipaddr.IPAddress> PROXIES = ClientAddresses.parse("10.0.0.5, 192.168.0.0/24");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", ClientAddresses.of(List.of(), "203.0.113.9", "198.51.100.1"));
    }

    @Test
    void onlyATrustedPeerIsBelievedAndOnlyUpToTheFirstUntrustedHop() {
        assertEquals("198.51.100.1", ClientAddresses.of(PROXIES, "10.0.0.5", "198.51.100.1"));
        assertEquals("198.51.100.1", ClientAddresses.of(PROXIES, "10.0.0.5", "6.6.6.6, 198.51.100.1, 192.168.0.7"),
                "what the client wrote left of the first untrusted hop is not believed");
        assertEquals("203.0.113.9", ClientAddresses.of(PROXIES, "203.0.113.9", "198.51.100.1"),
                "an untrusted peer's header is its own claim");
        assertEquals("10.0.0.5", ClientAddresses.of(PROXIES, "10.0.0.5", "not-an-address"));
        assertEquals("2001:db8::1", ClientAddresses.of(PROXIES, "10.0.0.5", "2001:db8:0:0::1"));
        assertEquals("192.168.0.8", ClientAddresses.of(PROXIES, "10.0.0.5", "192.168.0.8"),
                "only proxies all the way: the farthest one");
    }

    @Test
    void aSettingThatIsNoAddressStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> ClientAddresses.parse("10.0.0.5, proxy.example.com"));
    }
}
