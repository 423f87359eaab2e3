package dev.outrigger.spring;

import dev.outrigger.client.OutriggerClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the application reaches its sidecar ({@code outrigger.*}). The endpoint and token
 * default to the environment variables {@code OUTRIGGER_ENDPOINT} and
 * {@code OUTRIGGER_API_TOKEN}, else {@code http://127.0.0.1:7400} without a token.
 */
@ConfigurationProperties(prefix = "outrigger")
public class OutriggerProperties {
    /** Whether to auto-configure Outrigger at all. */
    private boolean enabled = true;
    /** The sidecar's JSON API. */
    private String endpoint;
    /** The sidecar's API token, sent as a bearer token. */
    private String apiToken;
    /** Deadline of every call that gives none. */
    private Duration deadline = Duration.ofSeconds(10);
    /** TTL of the sessions behind locks, leadership and the service registration. */
    private Duration sessionTtl = Duration.ofSeconds(15);
    /** Silence after which a watch stream is taken for dead and reopened. */
    private Duration watchIdleTimeout = Duration.ofSeconds(20);

    /** @return a client built from these properties */
    public OutriggerClient buildClient() {
        OutriggerClient.Builder b = OutriggerClient.builder().deadline(deadline).sessionTtl(sessionTtl)
                .watchIdleTimeout(watchIdleTimeout);
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpoint(endpoint);
        }
        if (apiToken != null && !apiToken.isBlank()) {
            b.apiToken(apiToken);
        }
        return b.build();
    }

    /** @return whether Outrigger is auto-configured */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether Outrigger is auto-configured */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the sidecar's base URL, or null for the default */
    public String getEndpoint() {
        return endpoint;
    }

    /** @param endpoint the sidecar's base URL */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** @return the API token, or null */
    public String getApiToken() {
        return apiToken;
    }

    /** @param apiToken the API token */
    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    /** @return the default call deadline */
    public Duration getDeadline() {
        return deadline;
    }

    /** @param deadline the default call deadline */
    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    /** @return the TTL of the sessions the application keeps */
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    /** @param sessionTtl the TTL of the sessions the application keeps */
    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = sessionTtl;
    }

    /** @return the watch idle timeout */
    public Duration getWatchIdleTimeout() {
        return watchIdleTimeout;
    }

    /** @param watchIdleTimeout the watch idle timeout */
    public void setWatchIdleTimeout(Duration watchIdleTimeout) {
        this.watchIdleTimeout = watchIdleTimeout;
    }
}
