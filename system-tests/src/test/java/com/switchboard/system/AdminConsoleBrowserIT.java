package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The admin console: its journeys in headless Chromium (src/test/browser/admin-console.test.mjs), its sign-in. */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class AdminConsoleBrowserIT {

    @Test
    void adminConsoleJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("admin-console.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .run();
    }

    @Test
    void aTokenOpensOnlyTheApiAndAConsoleSessionOnlyTheConsole(Instance switchboard) throws Exception {
        var token = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var console = switchboard.appUrl() + "/admin/inboxes/index.xhtml";
        var withToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, withToken.statusCode());
        assertTrue(withToken.headers().firstValue("Location").orElse("").contains("/admin/signin.xhtml?next="),
                withToken.headers().toString());

        var session = Http.consoleSession(switchboard.appUrl(), SharedSwitchboard.ADMIN_EMAIL,
                SharedSwitchboard.ADMIN_PASSWORD);
        assertEquals(200, session.send(HttpRequest.newBuilder(URI.create(console)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        var api = session.send(HttpRequest.newBuilder(URI.create(switchboard.appUrl() + "/api/agent/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode(), api.body());
        assertTrue(api.body().contains("auth.required"), api.body());
    }
}
