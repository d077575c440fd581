package com.switchboard.input;

import inet.ipaddr.IPAddressString;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one address may start per minute on this node: socket handshakes, new visitors and new conversations, each
 * a token bucket whose burst is a whole minute's worth, so an office or a shop's visitors behind one address never
 * notice and one client cannot bury the real chats. An IPv6 client is counted by its /64 network, which one
 * attacker holds whole. The limits are per node: behind a load balancer an address gets them on each node.
 * Addresses of this host are not limited: they are a reverse proxy's on the same host (every visitor would share
 * its limit) or a local test's, never one client's.
 */
@ApplicationScoped
public class AddressRates {

    /** {@code PASSWORD_RESET}: an agent's request for a link to choose a new password (each sends an e-mail). */
    public enum Start { HANDSHAKE, NEW_VISITOR, NEW_CONVERSATION, PASSWORD_RESET }

    /**
     * Beyond this many addresses, those idle for a minute (their buckets full again) are forgotten; should a flood
     * of addresses leave more than that, all are, so memory and the sweep stay bounded.
     */
    static final int MAX_ADDRESSES = 50_000;
    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();

    @Inject
    @ConfigProperty(name = "switchboard.limits.handshakes-per-minute", defaultValue = "120")
    int handshakesPerMinute;

    @Inject
    @ConfigProperty(name = "switchboard.limits.new-visitors-per-minute", defaultValue = "60")
    int newVisitorsPerMinute;

    @Inject
    @ConfigProperty(name = "switchboard.limits.new-conversations-per-minute", defaultValue = "30")
    int newConversationsPerMinute;

    @Inject
    @ConfigProperty(name = "switchboard.limits.password-resets-per-minute", defaultValue = "5")
    int passwordResetsPerMinute;

    private final Map<String, Buckets> addresses = new ConcurrentHashMap<>();

    private final class Buckets {
        final RateLimit handshakes;
        final RateLimit visitors;
        final RateLimit conversations;
        final RateLimit passwordResets;
        volatile long usedAt;

        Buckets(long now) {
            handshakes = bucket(handshakesPerMinute, now);
            visitors = bucket(newVisitorsPerMinute, now);
            conversations = bucket(newConversationsPerMinute, now);
            passwordResets = bucket(passwordResetsPerMinute, now);
            usedAt = now;
        }

        RateLimit of(Start start) {
            return switch (start) {
                case HANDSHAKE -> handshakes;
                case NEW_VISITOR -> visitors;
                case NEW_CONVERSATION -> conversations;
                case PASSWORD_RESET -> passwordResets;
            };
        }
    }

    @PostConstruct
    void check() {
        if (handshakesPerMinute < 1 || newVisitorsPerMinute < 1 || newConversationsPerMinute < 1
                || passwordResetsPerMinute < 1) {
            throw new IllegalStateException("switchboard.limits.*-per-minute must be at least 1");
        }
    }

    /**
     * Takes one start of the address; refuses with {@code rate.limited} (TOO_MANY, with when to retry) when it
     * has used up its minute. Nothing is counted without an address (legacy systems' visitors).
     */
    public void admit(Start start, String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        var key = key(address);
        if (key == null) {
            return;
        }
        long now = System.nanoTime();
        var buckets = addresses.computeIfAbsent(key, unused -> new Buckets(now));
        buckets.usedAt = now;
        long waitMillis = buckets.of(start).take(now);
        if (addresses.size() > MAX_ADDRESSES) {
            addresses.values().removeIf(idle -> now - idle.usedAt > IDLE_NANOS);
            if (addresses.size() > MAX_ADDRESSES) {
                addresses.clear();
            }
        }
        if (waitMillis > 0) {
            throw RequestRejectedException.tooMany("rate.limited", switch (start) {
                case HANDSHAKE -> "Too many connections from your address: try again shortly.";
                case NEW_VISITOR -> "Too many new visitors from your address: try again shortly.";
                case NEW_CONVERSATION -> "Too many new chats from your address: try again shortly.";
                case PASSWORD_RESET -> "Too many requests for a new password from your address: try again "
                        + "shortly.";
            }, Duration.ofMillis(waitMillis));
        }
    }

    /** How many addresses are counted now. */
    int size() {
        return addresses.size();
    }

    private static RateLimit bucket(int perMinute, long now) {
        return new RateLimit(perMinute / 60.0, perMinute, now);
    }

    /** Whether the address is one of this host's (loopback): a local proxy's or a test's, not one client's. */
    public static boolean isThisHost(String address) {
        return address != null && !address.isBlank() && key(address) == null;
    }

    /** The address itself, or an IPv6 address's /64 network; null for an address of this host. */
    static String key(String address) {
        var parsed = new IPAddressString(address.strip()).getAddress();
        if (parsed == null) {
            return address.strip();
        }
        if (parsed.isLoopback() || parsed.isIPv4Convertible() && parsed.toIPv4().isLoopback()) {
            return null;
        }
        return parsed.isIPv6() && !parsed.isIPv4Convertible()
                ? parsed.toPrefixBlock(64).toCanonicalString() : parsed.toCanonicalString();
    }
}
