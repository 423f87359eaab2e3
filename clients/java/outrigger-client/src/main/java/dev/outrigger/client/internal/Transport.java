package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.errors.CancelledException;
import dev.outrigger.client.errors.DeadlineExceededException;
import dev.outrigger.client.errors.Errors;
import dev.outrigger.client.errors.InternalException;
import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.errors.StatusCode;
import dev.outrigger.client.errors.UnavailableException;
import dev.outrigger.client.internal.wire.StatusWire;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one JSON request to the sidecar and reads its answer, within a deadline, turning
 * every failure into a typed {@link OutriggerException}. Never retries.
 */
public final class Transport {
    private final URI endpoint;
    private final String apiToken;
    private final Duration defaultDeadline;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Http11 http11;
    private final byte[] jsonHeaders;
    private final byte[] jsonBodyHeaders;

    /**
     * @param endpoint the sidecar's base URL, e.g. {@code http://127.0.0.1:7400}
     * @param apiToken the bearer token, or null
     * @param defaultDeadline the deadline of calls that give none
     * @param http the HTTP client
     * @param json the mapper
     */
    public Transport(URI endpoint, String apiToken, Duration defaultDeadline, HttpClient http, ObjectMapper json) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.apiToken = apiToken == null || apiToken.isEmpty() ? null : apiToken;
        this.defaultDeadline = defaultDeadline;
        this.http = http;
        this.json = json;
        // a token the JDK client would refuse as a header value keeps every call on the JDK client
        boolean plainToken = this.apiToken == null || this.apiToken.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        this.http11 = plainToken ? Http11.forEndpoint(this.endpoint, defaultDeadline.toMillis()) : null;
        String auth = this.apiToken == null ? "" : "Authorization: Bearer " + this.apiToken + "\r\n";
        String common = "Accept: application/json\r\nUser-Agent: outrigger-java-client\r\n" + auth;
        this.jsonHeaders = common.getBytes(StandardCharsets.UTF_8);
        this.jsonBodyHeaders = (common + "Content-Type: application/json\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the pooled connections of unary calls. */
    public void close() {
        if (http11 != null) {
            http11.close();
        }
    }

    /** @return the deadline of calls that give none */
    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /** @return the mapper */
    public ObjectMapper json() {
        return json;
    }

    /** @return the sidecar's base URL */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls the sidecar within the default deadline.
     *
     * @param method the HTTP method
     * @param path the path and query, e.g. {@code /v1/config/a}
     * @param body the request body, or null
     * @param type the answer's type
     * @param <T> the answer's type
     * @return the answer
     */
    public <T> T call(String method, String path, Object body, Class<T> type) {
        return call(method, path, body, type, defaultDeadline);
    }

    /**
     * Calls the sidecar.
     *
     * @param method the HTTP method
     * @param path the path and query
     * @param body the request body, or null
     * @param type the answer's type
     * @param deadline how long the whole call may take
     * @param <T> the answer's type
     * @return the answer
     */
    public <T> T call(String method, String path, Object body, Class<T> type, Duration deadline) {
        return call(method, path, body, json.constructType(type), deadline);
    }

    private <T> T call(String method, String path, Object body, JavaType type, Duration deadline) {
        if (http11 != null) {
            return callHttp11(method, path, body, type, deadline);
        }
        HttpRequest request = request(method, path, body, "application/json").timeout(deadline).build();
        HttpResponse<byte[]> response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()),
                deadline, method, path);
        return answer(response.statusCode(), response.body(), type, method, path);
    }

    /** The request body as JSON, or null without one. */
    private byte[] encode(Object body, String method, String path) {
        if (body == null) {
            return null;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new InternalException("cannot write the request to " + method + " " + path, e);
        }
    }

    /** The answer's value, or the error its status and body describe. */
    private <T> T answer(int status, byte[] body, JavaType type, String method, String path) {
        if (status / 100 != 2) {
            throw error(status, body);
        }
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new InternalException("cannot read the answer to " + method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private <T> T callHttp11(String method, String path, Object body, JavaType type, Duration deadline) {
        long deadlineNanos = System.nanoTime() + Math.min(deadline.toMillis(), Long.MAX_VALUE / 4_000_000) * 1_000_000;
        URI uri = URI.create(endpoint + path);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] bytes = encode(body, method, path);
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException(method + " " + path + ": interrupted", new InterruptedException());
        }
        Http11.Response response;
        try {
            response = http11.send(method, target.isEmpty() ? "/" : target,
                    bytes == null ? jsonHeaders : jsonBodyHeaders, bytes, deadlineNanos);
        } catch (IOException e) {
            throw http11Failure(e, deadline, method, path);
        }
        return answer(response.status, response.body, type, method, path);
    }

    private static OutriggerException http11Failure(IOException e, Duration deadline, String method, String path) {
        String what = method + " " + path + ": ";
        if (e instanceof java.nio.channels.ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            return new CancelledException(what + "interrupted", e);
        }
        if (e instanceof Http11.DeadlinePassed) {
            return deadlinePassed(method, path, deadline, e);
        }
        if (e instanceof Http11.ConnectFailure) {
            return new UnavailableException(what + "cannot connect to the sidecar: " + e.getCause(), e.getCause(), false);
        }
        if (e instanceof Http11.ConnectTimeout) {
            return new UnavailableException(what + "cannot connect to the sidecar: " + e, e, false);
        }
        return new UnavailableException(what + "connection to the sidecar failed: " + e, e, true);
    }

    /**
     * Opens a stream ({@code :watch}, {@code :observe}) and waits for its headers.
     *
     * @param path the path and query
     * @param deadline how long to wait for the stream to open
     * @return the body, newline-delimited JSON; the caller closes it
     */
    public InputStream openStream(String path, Duration deadline) {
        HttpRequest request = request("GET", path, null, "application/x-ndjson").build();
        HttpResponse<InputStream> response = await(
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()), deadline, "GET", path);
        if (response.statusCode() / 100 != 2) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw error(response.statusCode(), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String method, String path, Object body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path)).header("Accept", accept);
        if (apiToken != null) {
            b.header("Authorization", "Bearer " + apiToken);
        }
        byte[] bytes = encode(body, method, path);
        if (bytes == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private static <R> R await(CompletableFuture<R> future, Duration deadline, String method, String path) {
        try {
            return future.get(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw deadlinePassed(method, path, deadline, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException(method + " " + path + ": interrupted", e);
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause(), deadline, method, path);
        }
    }

    private static OutriggerException transportFailure(Throwable cause, Duration deadline, String method, String path) {
        String what = method + " " + path + ": ";
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
                return new UnavailableException(what + "cannot connect to the sidecar: " + t, cause, false);
            }
            if (t instanceof HttpTimeoutException) {
                return deadlinePassed(method, path, deadline, cause);
            }
        }
        if (cause instanceof IOException) {
            return new UnavailableException(what + "connection to the sidecar failed: " + cause, cause, true);
        }
        return new InternalException(what + cause, cause);
    }

    private static DeadlineExceededException deadlinePassed(String method, String path, Duration deadline, Throwable cause) {
        return new DeadlineExceededException(
                method + " " + path + ": no answer within the deadline of " + deadline.toMillis() + " ms", cause);
    }

    private OutriggerException error(int httpStatus, byte[] body) {
        try {
            StatusWire status = json.readValue(body, StatusWire.class);
            if (status != null && status.message != null) {
                StatusCode code = status.code == 0 ? StatusCode.fromHttpStatus(httpStatus) : StatusCode.of(status.code);
                return Errors.of(code, status.message, status.details);
            }
        } catch (IOException | RuntimeException e) {
            // not an envelope: fall through
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        return Errors.of(StatusCode.fromHttpStatus(httpStatus),
                "HTTP " + httpStatus + (text.isEmpty() ? "" : ": " + text), null);
    }

    /**
     * Parses a stream's error line.
     *
     * @param status the envelope of the error line
     * @return the typed exception
     */
    public static OutriggerException streamError(StatusWire status) {
        return Errors.of(StatusCode.of(status.code), status.message == null ? "stream error" : status.message,
                status.details);
    }
}
