package dev.crosspost.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A browser-like session: logs in through the form and keeps the session cookie. */
final class FormLogin {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final String csrfToken;

    private FormLogin(HttpClient http, String base, String csrfToken) {
        this.http = http;
        this.base = base;
        this.csrfToken = csrfToken;
    }

    static FormLogin login(int port, String user, String password) {
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = send(http, HttpRequest.newBuilder(URI.create(base + "/login")).GET()).body();
        Matcher m = CSRF_FIELD.matcher(loginPage);
        if (!m.find()) {
            throw new AssertionError("the login page has no CSRF field: " + loginPage);
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        var loggedIn = send(http, HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (loggedIn.statusCode() != 302 || loggedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login failed: " + loggedIn.statusCode() + " " + loggedIn.headers().map());
        }
        String me = send(http, HttpRequest.newBuilder(URI.create(base + "/api/me")).GET()).body();
        try {
            String token = new ObjectMapper().readTree(me).path("csrf").path("token").asText();
            return new FormLogin(http, base, token);
        } catch (IOException e) {
            throw new AssertionError(me, e);
        }
    }

    String csrfToken() {
        return csrfToken;
    }

    HttpResponse<String> post(String path, String json, String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("X-CSRF-TOKEN", token);
        }
        return send(http, builder);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
