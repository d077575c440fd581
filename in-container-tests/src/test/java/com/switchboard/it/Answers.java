package com.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.function.Executable;

/** Where the tests ask the application over HTTP, and how they read its answers. */
final class Answers {

    private Answers() {
    }

    /**
     * The API's address under the deployment's URL, on loopback: Micro reports the machine's interface address,
     * the requests stay on this host.
     */
    static URI api(URL deployment, String path) {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath().replaceAll("/+$", "")
                + "/api/" + path);
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** The code of the refusal the call must end in. */
    static String refusal(Executable call) {
        return assertThrows(RequestRejectedException.class, call).code();
    }

    /** The files of a ZIP answer (an export), by name. */
    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        var files = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
