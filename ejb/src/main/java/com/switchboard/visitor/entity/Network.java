package com.switchboard.visitor.entity;

import com.switchboard.input.RequestRejectedException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * An IPv4 or IPv6 address or CIDR network, kept in canonical form ({@code 203.0.113.0/24}, a single address as
 * {@code /32} or {@code /128}) so that equal networks compare equal. Host bits are dropped: {@code 203.0.113.9/24}
 * means the whole {@code 203.0.113.0/24}.
 */
public record Network(String cidr) {

    public static Network parse(String text) {
        // The library reads an empty string as the loopback address: blank is no address here.
        var address = text == null || text.isBlank() ? null : new IPAddressString(text.strip()).getAddress();
        if (address == null) {
            throw RequestRejectedException.invalid("block.network",
                    "'" + text + "' is neither an IP address nor a CIDR network (e.g. 203.0.113.0/24).");
        }
        var prefix = address.getNetworkPrefixLength();
        var block = prefix == null ? address.withoutPrefixLength().toPrefixBlock(address.getBitCount())
                : address.toPrefixBlock();
        return new Network(block.toCanonicalString());
    }

    public boolean contains(String ipAddress) {
        if (ipAddress == null || ipAddress.isBlank()) {
            return false;
        }
        IPAddress address = new IPAddressString(ipAddress).getAddress();
        return address != null && new IPAddressString(cidr).getAddress().contains(address);
    }
}
