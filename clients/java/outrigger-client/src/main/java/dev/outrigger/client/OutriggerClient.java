package dev.outrigger.client;

import dev.outrigger.client.internal.DaemonThreads;
import dev.outrigger.client.internal.Json;
import dev.outrigger.client.internal.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The client of one Outrigger sidecar's JSON API (default {@code http://127.0.0.1:7400}).
 * Thread-safe; make one per application and close it on shutdown.
 * <pre>{@code
 * try (OutriggerClient client = OutriggerClient.builder().build()) {
 *     client.config().put("config/demo/greeting", "hello");
 *     try (Lock lock = client.locks().acquire("report", Duration.ofSeconds(10))) {
 *         ...
 *     }
 * }
 * }</pre>
 * Every call has a deadline and fails with a subclass of
 * {@link dev.outrigger.client.errors.OutriggerException}; writes are never retried. All the
 * client's threads are daemons, and {@link #close()} stops them.
 */
public final class OutriggerClient implements AutoCloseable {
    /** The sidecar's default HTTP address. */
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:7400";

    private final Transport transport;
    private final HttpClient http;
    private final ExecutorService httpExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService notifier;
    private final Resources resources = new Resources();
    private final ConfigClient config;
    private final SessionClient sessions;
    private final RegistryClient registry;
    private final LockClient locks;
    private final ElectionClient elections;
    private final ClusterClient cluster;

    private OutriggerClient(Builder b) {
        this.httpExecutor = Executors.newCachedThreadPool(new DaemonThreads("outrigger-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.deadline)
                .executor(httpExecutor).build();
        this.transport = new Transport(URI.create(b.endpoint), b.apiToken, b.deadline, http, Json.newMapper());
        this.scheduler = new ScheduledThreadPoolExecutor(2, new DaemonThreads("outrigger-keepalive"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.notifier = Executors.newSingleThreadExecutor(new DaemonThreads("outrigger-events"));
        Streams streams = new Streams(transport, scheduler, b.watchIdleTimeout, b.backoffMin, b.backoffMax, resources);
        this.sessions = new SessionClient(transport);
        this.sessions.keeper(new SessionKeeper(sessions, scheduler, notifier, resources));
        this.config = new ConfigClient(transport, streams);
        this.registry = new RegistryClient(transport, sessions, streams, resources);
        this.locks = new LockClient(transport, sessions, b.sessionTtl);
        this.elections = new ElectionClient(transport, sessions, b.sessionTtl, notifier, streams, resources);
        this.cluster = new ClusterClient(transport);
    }

    /** @return a builder, preset from {@code OUTRIGGER_ENDPOINT} and {@code OUTRIGGER_API_TOKEN} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return config entries, transactions and watches */
    public ConfigClient config() {
        return config;
    }

    /** @return sessions */
    public SessionClient sessions() {
        return sessions;
    }

    /** @return the service registry */
    public RegistryClient registry() {
        return registry;
    }

    /** @return locks with fencing tokens */
    public LockClient locks() {
        return locks;
    }

    /** @return leader elections */
    public ElectionClient elections() {
        return elections;
    }

    /** @return the cluster's status */
    public ClusterClient cluster() {
        return cluster;
    }

    /** @return the sidecar's base URL */
    public URI endpoint() {
        return transport.endpoint();
    }

    /** @return the deadline of calls that give none */
    public Duration deadline() {
        return transport.defaultDeadline();
    }

    /**
     * Closes every watch, campaign, lock and kept session (ending the sessions, so locks
     * and leaderships pass on at once) and stops every thread of the client.
     */
    @Override
    public void close() {
        resources.closeAll();
        scheduler.shutdownNow();
        notifier.shutdown();
        try {
            notifier.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.shutdownNow();
        transport.close();
        httpExecutor.shutdownNow();
        if (http instanceof AutoCloseable) {
            // Java 21+: HttpClient is AutoCloseable and stops its selector thread.
            try {
                ((AutoCloseable) http).close();
            } catch (Exception e) {
                // nothing left to free
            }
        }
    }

    /** Settings of a client. */
    public static final class Builder {
        private String endpoint = envOr("OUTRIGGER_ENDPOINT", DEFAULT_ENDPOINT);
        private String apiToken = envOr("OUTRIGGER_API_TOKEN", null);
        private Duration deadline = Duration.ofSeconds(10);
        private Duration sessionTtl = Duration.ofSeconds(15);
        private Duration watchIdleTimeout = Duration.ofSeconds(20);
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * @param endpoint the sidecar's base URL, e.g. {@code http://127.0.0.1:7400}
         * @return this
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param apiToken the sidecar's {@code --api-token}, sent as a bearer token; null for none
         * @return this
         */
        public Builder apiToken(String apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @param deadline the deadline of every call that gives none (default 10 s)
         * @return this
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /**
         * @param ttl the TTL of the sessions behind locks, campaigns and kept registrations
         *     (default 15 s, at least 2 s): how soon others take over after this process dies
         * @return this
         */
        public Builder sessionTtl(Duration ttl) {
            if (ttl.toSeconds() < 2) {
                throw new IllegalArgumentException("sessionTtl must be at least 2 seconds");
            }
            this.sessionTtl = ttl;
            return this;
        }

        /**
         * @param idle silence after which a watch stream is taken for dead and reopened
         *     (default 20 s; the sidecar sends a progress line every 5 s by default)
         * @return this
         */
        public Builder watchIdleTimeout(Duration idle) {
            this.watchIdleTimeout = positive(idle, "watchIdleTimeout");
            return this;
        }

        /**
         * @param min the first reconnect delay of watches and campaigns (default 100 ms)
         * @param max the largest (default 5 s)
         * @return this
         */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.backoffMin = positive(min, "min");
            this.backoffMax = positive(max, "max");
            return this;
        }

        /** @return the client */
        public OutriggerClient build() {
            if (endpoint == null || endpoint.isEmpty()) {
                throw new IllegalArgumentException("endpoint is required");
            }
            return new OutriggerClient(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        private static String envOr(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isEmpty() ? fallback : v;
        }
    }
}
