package dev.outrigger.spring.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.client.serviceregistry.Registration;

/** This application's registration; the port is filled in when the web server starts. */
public class OutriggerRegistration implements Registration {
    private final String serviceId;
    private final String configuredInstanceId;
    private final String host;
    private final boolean secure;
    private final Map<String, String> metadata;
    private final Duration sessionTtl;
    private final String healthCheckPath;
    private final Duration healthCheckInterval;
    private volatile int port;

    /**
     * @param serviceId the service name
     * @param instanceId the instance id, or null for service-host-port
     * @param host the address
     * @param port the port, 0 until the web server starts
     * @param secure whether it serves HTTPS
     * @param metadata the metadata
     * @param sessionTtl the registration session's TTL
     * @param healthCheckPath the path the sidecar probes, or null for none
     * @param healthCheckInterval seconds between probes
     */
    public OutriggerRegistration(String serviceId, String instanceId, String host, int port, boolean secure,
            Map<String, String> metadata, Duration sessionTtl, String healthCheckPath, Duration healthCheckInterval) {
        this.serviceId = serviceId;
        this.configuredInstanceId = instanceId;
        this.host = host;
        this.port = port;
        this.secure = secure;
        this.metadata = new LinkedHashMap<>(metadata);
        if (secure) {
            this.metadata.put("secure", "true");
        }
        this.sessionTtl = sessionTtl;
        this.healthCheckPath = healthCheckPath;
        this.healthCheckInterval = healthCheckInterval;
    }

    /** @param webServerPort the web server's port, used when none was configured */
    public void initializePort(int webServerPort) {
        if (port == 0) {
            port = webServerPort;
        }
    }

    @Override
    public String getInstanceId() {
        if (configuredInstanceId != null && !configuredInstanceId.isBlank()) {
            return configuredInstanceId;
        }
        return serviceId + "-" + host.replace(':', '_') + "-" + port;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getUri() {
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + port);
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** @return the registration session's TTL */
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    /** @return the URL the sidecar probes, or null for none */
    public String getHealthCheckUrl() {
        return healthCheckPath == null ? null : getUri() + healthCheckPath;
    }

    /** @return seconds between probes */
    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }
}
