package dev.outrigger.spring.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Discovery and registration settings ({@code outrigger.discovery.*}). */
@ConfigurationProperties(prefix = "outrigger.discovery")
public class OutriggerDiscoveryProperties {
    /** Whether the DiscoveryClient and ServiceRegistry are configured. */
    private boolean enabled = true;
    /** Whether the application registers itself when its web server starts. */
    private boolean register = true;
    /** The service name; default spring.application.name. */
    private String serviceName;
    /** The instance id; default service name, host and port. */
    private String instanceId;
    /** The address others reach this instance at; default the first non-loopback address. */
    private String address;
    /** The port; default the web server's port. */
    private int port;
    /** Whether the instance serves HTTPS. */
    private boolean secure;
    /** Metadata of the instance. */
    private Map<String, String> metadata = new LinkedHashMap<>();
    /** TTL of the registration's session: how long a crashed instance stays listed. */
    private Duration sessionTtl = Duration.ofSeconds(15);
    /** The sidecar's health check of the instance. */
    private final HealthCheck healthCheck = new HealthCheck();

    /** The sidecar's HTTP probe of the instance. */
    public static class HealthCheck {
        /** Whether the sidecar probes the instance (and removes it after 3 failures). */
        private boolean enabled;
        /** The probed path, on the instance's address and port. */
        private String path = "/actuator/health";
        /** Seconds between probes. */
        private Duration interval = Duration.ofSeconds(10);

        /** @return whether the health check is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the health check is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the probed path */
        public String getPath() {
            return path;
        }

        /** @param path the probed path */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return the probe interval */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the probe interval */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** @return whether discovery is on */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether discovery is on */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return whether the application registers itself */
    public boolean isRegister() {
        return register;
    }

    /** @param register whether the application registers itself */
    public void setRegister(boolean register) {
        this.register = register;
    }

    /** @return the service name, or null for spring.application.name */
    public String getServiceName() {
        return serviceName;
    }

    /** @param serviceName the service name */
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** @return the instance id, or null for the default */
    public String getInstanceId() {
        return instanceId;
    }

    /** @param instanceId the instance id */
    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** @return the address, or null for the default */
    public String getAddress() {
        return address;
    }

    /** @param address the address */
    public void setAddress(String address) {
        this.address = address;
    }

    /** @return the port, 0 for the web server's */
    public int getPort() {
        return port;
    }

    /** @param port the port */
    public void setPort(int port) {
        this.port = port;
    }

    /** @return whether the instance serves HTTPS */
    public boolean isSecure() {
        return secure;
    }

    /** @param secure whether the instance serves HTTPS */
    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    /** @return the metadata */
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** @param metadata the metadata */
    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    /** @return the registration session's TTL */
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    /** @param sessionTtl the registration session's TTL */
    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = sessionTtl;
    }

    /** @return the health check settings */
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }
}
