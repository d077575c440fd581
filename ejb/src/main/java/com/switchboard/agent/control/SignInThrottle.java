package com.switchboard.agent.control;

import com.switchboard.agent.entity.SignInFailures;
import com.switchboard.input.AddressRates;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down guessing of passwords: failed sign-ins are counted per account (known or not) and per address
 * ({@link SignInFailures}); while either is locked every sign-in is refused with {@code agent.sign-in-locked}
 * (HTTP 429 with Retry-After), the right password too. The counts live in the database, shared by the API, the
 * console's form and every node. This host's addresses are not counted: a proxy on the same host would lock
 * everyone out at once.
 */
@Stateless
public class SignInThrottle {

    /** Failures an account may have within the window before it is locked. */
    static final int ACCOUNT_FAILURES_ALLOWED = 5;
    /** An office behind one address may hold many people who mistype; guessing across accounts still stops. */
    static final int ADDRESS_FAILURES_ALLOWED = 20;

    @PersistenceContext
    EntityManager em;

    public void requireUnlocked(String email, String address) {
        var now = Instant.now();
        var longest = subjects(email, address).stream()
                .map(subject -> Optional.ofNullable(em.find(SignInFailures.class, subject))
                        .flatMap(failures -> failures.lockedFor(now)))
                .flatMap(Optional::stream).max(Duration::compareTo);
        if (longest.isPresent()) {
            throw locked(longest.get());
        }
    }

    /** Counts a failure in a transaction of its own: the refused sign-in's own transaction rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String email, String address) {
        var now = Instant.now();
        var subjects = subjects(email, address);
        for (int i = 0; i < subjects.size(); i++) {
            var subject = subjects.get(i);
            em.createNativeQuery("INSERT IGNORE INTO sign_in_failures (subject, failures, window_started_at) "
                    + "VALUES (?, 0, ?)").setParameter(1, subject).setParameter(2, Timestamp.from(now))
                    .executeUpdate();
            var failures = em.find(SignInFailures.class, subject, LockModeType.PESSIMISTIC_WRITE);
            failures.failed(now, i == 0 ? ACCOUNT_FAILURES_ALLOWED : ADDRESS_FAILURES_ALLOWED);
        }
    }

    /** A successful sign-in clears the account's count (not the address's: one right password proves little). */
    public void succeeded(String email) {
        var failures = em.find(SignInFailures.class, account(email));
        if (failures != null) {
            em.remove(failures);
        }
    }

    private static List<String> subjects(String email, String address) {
        var subjects = new ArrayList<String>(2);
        subjects.add(account(email));
        if (address != null && !address.isBlank() && !AddressRates.isThisHost(address)) {
            subjects.add("address:" + address);
        }
        return subjects;
    }

    private static String account(String email) {
        var normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return "account:" + (normalised.length() > 254 ? normalised.substring(0, 254) : normalised);
    }

    private static RequestRejectedException locked(Duration remaining) {
        var seconds = Math.max(1, remaining.toSeconds() + (remaining.toMillisPart() > 0 ? 1 : 0));
        return RequestRejectedException.tooMany("agent.sign-in-locked", "Too many failed sign-ins: try again in "
                + seconds + " s.", Duration.ofSeconds(seconds));
    }
}
