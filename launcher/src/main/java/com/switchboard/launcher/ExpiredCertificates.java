package com.switchboard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * Takes the certificates that have expired out of the trust store Payara Micro unpacks at every start. It ships
 * authorities' certificates that expire after its release, and its boot logs each expired one as a warning with
 * the whole certificate: a newcomer's console opened with pages of them. An expired certificate vouches for nobody,
 * so nothing that was trusted stops being trusted.
 */
final class ExpiredCertificates {

    /** Payara's own password for the stores it unpacks (its master password, unchanged in Payara Micro). */
    private static final char[] PASSWORD = "changeit".toCharArray();

    private ExpiredCertificates() {
    }

    /** The aliases removed from the PKCS12 store at {@code trustStore}; none if there is no such file. */
    static List<String> removeFrom(Path trustStore, Instant now) {
        if (!Files.isRegularFile(trustStore)) {
            return List.of();
        }
        try {
            var store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(trustStore)) {
                store.load(in, PASSWORD);
            }
            var expired = Collections.list(store.aliases()).stream()
                    .filter(alias -> expired(store, alias, Date.from(now))).sorted().toList();
            if (!expired.isEmpty()) {
                for (var alias : expired) {
                    store.deleteEntry(alias);
                }
                try (var out = Files.newOutputStream(trustStore)) {
                    store.store(out, PASSWORD);
                }
            }
            return expired;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean the trust store " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not clean the trust store " + trustStore, e);
        }
    }

    private static boolean expired(KeyStore store, String alias, Date now) {
        try {
            return store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert
                    && cert.getNotAfter().before(now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read " + alias, e);
        }
    }
}
