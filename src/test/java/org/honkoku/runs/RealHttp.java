package org.honkoku.runs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user of the real server over HTTP (Tomcat's multipart parsing and limits, which MockMvc leaves out): signs in
 * through the form, keeps the session cookie, and sends a multipart form as a browser does.
 */
final class RealHttp {

    private static final Pattern TOKEN = Pattern.compile("name=\"(?:_csrf|csrf-token)\" (?:value|content)=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;

    private RealHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Nobody signed in. */
    static RealHttp anonymous(int port) {
        return new RealHttp(port);
    }

    static RealHttp signIn(int port, String user, String password) throws Exception {
        RealHttp http = new RealHttp(port);
        String token = token(http.get("/login").body());
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token);
        HttpResponse<String> signedIn = http.client.send(HttpRequest.newBuilder(URI.create(http.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.uri().getPath().startsWith("/login")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + signedIn.uri());
        }
        return http;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a text field and one file to the path as multipart/form-data; redirects are followed. */
    HttpResponse<String> postFile(String path, String field, String value, String fileField, String fileName,
                                  byte[] content) throws IOException, InterruptedException {
        String boundary = "----honkoku" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token a page carries (the sign-in form's field, or the head's meta tag). */
    static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
