package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the trust store that Payara Micro itself ships and unpacks at every start. */
class ExpiredCertificatesTest {

    @TempDir
    Path folder;

    @Test
    void theCertificatesExpiredByThenAreRemovedAndTheOthersKept() throws Exception {
        var trustStore = payarasTrustStore();
        var before = expiries(trustStore);
        // Half of them have expired by this time.
        var now = before.values().stream().sorted().toList().get(before.size() / 2);

        var removed = ExpiredCertificates.removeFrom(trustStore, now);

        var after = expiries(trustStore);
        assertFalse(removed.isEmpty());
        assertEquals(before.size(), after.size() + removed.size());
        removed.forEach(alias -> assertTrue(before.get(alias).isBefore(now), alias));
        after.forEach((alias, notAfter) -> assertFalse(notAfter.isBefore(now), alias));
        assertEquals(after.keySet(), before.keySet().stream().filter(alias -> !removed.contains(alias))
                .collect(Collectors.toSet()));
    }

    @Test
    void aStoreWithNothingExpiredIsLeftAsItWas() throws Exception {
        var trustStore = payarasTrustStore();
        var content = Files.readAllBytes(trustStore);

        assertEquals(List.of(), ExpiredCertificates.removeFrom(trustStore, Instant.parse("2000-01-01T00:00:00Z")));
        assertArrayEquals(content, Files.readAllBytes(trustStore));
    }

    @Test
    void noStoreNothingToDo() {
        assertEquals(List.of(), ExpiredCertificates.removeFrom(folder.resolve("cacerts.p12"), Instant.now()));
    }

    private Path payarasTrustStore() throws Exception {
        var copy = folder.resolve("cacerts.p12");
        try (var in = getClass().getClassLoader().getResourceAsStream("MICRO-INF/domain/cacerts.p12")) {
            Files.copy(in, copy);
        }
        return copy;
    }

    private static Map<String, Instant> expiries(Path trustStore) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore)) {
            store.load(in, "changeit".toCharArray());
        }
        var expiries = new HashMap<String, Instant>();
        for (var alias : Collections.list(store.aliases())) {
            expiries.put(alias, ((X509Certificate) store.getCertificate(alias)).getNotAfter().toInstant());
        }
        return expiries;
    }
}
