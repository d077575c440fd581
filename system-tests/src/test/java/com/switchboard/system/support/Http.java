package com.switchboard.system.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as a signed-in agent: {@code Authorization: Bearer token}. */
    public static HttpResponse<String> get(String url, String bearerToken) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearerToken).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A call as a signed-in agent with an optional JSON body ({@code null}: none). */
    public static HttpResponse<String> send(String method, String url, String bearerToken, String json)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearerToken);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An HTTP client signed in to the admin console through its form (as a browser: the page's view state and the
     * session cookie), for tests that read console pages.
     */
    public static HttpClient consoleSession(String appUrl, String email, String password)
            throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).build();
        var response = consoleSignIn(client, appUrl, email, password);
        if (response.statusCode() != 302) {
            throw new AssertionError("console sign-in of " + email + " failed: " + response.statusCode() + "\n"
                    + response.body());
        }
        return client;
    }

    /**
     * The answer to the console's sign-in form, posted as a browser would (the page's view state, its cookie), with
     * these headers (name, value, ...) on the post.
     */
    public static HttpResponse<String> consoleSignIn(HttpClient client, String appUrl, String email, String password,
                                                     String... headers)
            throws IOException, InterruptedException {
        var signInUrl = appUrl + "/admin/signin.xhtml";
        var page = client.send(HttpRequest.newBuilder(URI.create(signInUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        if (!viewState.find()) {
            throw new AssertionError("no view state on the sign-in page:\n" + page);
        }
        var form = Map.of("signin", "signin", "email", email, "password", password, "submit", "Sign in",
                "jakarta.faces.ViewState", viewState.group(1));
        var post = HttpRequest.newBuilder(URI.create(signInUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        if (headers.length > 0) {
            post.headers(headers);
        }
        return client.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> postForm(String url, Map<String, String> form)
            throws IOException, InterruptedException {
        var body = formBody(form);
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
