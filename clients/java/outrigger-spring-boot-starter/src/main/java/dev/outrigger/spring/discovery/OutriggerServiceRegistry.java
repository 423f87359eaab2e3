package dev.outrigger.spring.discovery;

import dev.outrigger.client.InstanceRegistration;
import dev.outrigger.client.KeptRegistration;
import dev.outrigger.client.OutriggerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Registers instances bound to sessions this application keeps alive: a crashed instance
 * vanishes within the session TTL, a lost session is replaced and the instance registered
 * again. Status is "UP" while registered, else "DOWN".
 */
public class OutriggerServiceRegistry implements ServiceRegistry<OutriggerRegistration> {
    private static final Log LOG = LogFactory.getLog(OutriggerServiceRegistry.class);

    private final OutriggerClient client;
    private final Map<String, KeptRegistration> registered = new ConcurrentHashMap<>();

    /** @param client the client */
    public OutriggerServiceRegistry(OutriggerClient client) {
        this.client = client;
    }

    @Override
    public void register(OutriggerRegistration r) {
        InstanceRegistration spec = InstanceRegistration.of(r.getHost(), r.getPort()).metadata(r.getMetadata());
        if (r.getHealthCheckUrl() != null) {
            spec.healthCheck(r.getHealthCheckUrl(), r.getHealthCheckInterval());
        }
        KeptRegistration kept = client.registry().registerKept(r.getServiceId(), r.getInstanceId(), spec,
                r.getSessionTtl());
        KeptRegistration old = registered.put(key(r), kept);
        if (old != null && old != kept) {
            old.close();
        }
        LOG.info("registered " + r.getServiceId() + "/" + r.getInstanceId() + " at " + r.getUri()
                + " with the Outrigger sidecar");
    }

    @Override
    public void deregister(OutriggerRegistration r) {
        KeptRegistration kept = registered.remove(key(r));
        if (kept != null) {
            kept.close();
            LOG.info("deregistered " + r.getServiceId() + "/" + r.getInstanceId());
        }
    }

    @Override
    public void close() {
        registered.values().forEach(KeptRegistration::close);
        registered.clear();
    }

    @Override
    public void setStatus(OutriggerRegistration r, String status) {
        if ("DOWN".equalsIgnoreCase(status) || "OUT_OF_SERVICE".equalsIgnoreCase(status)) {
            deregister(r);
        } else if ("UP".equalsIgnoreCase(status) && !registered.containsKey(key(r))) {
            register(r);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getStatus(OutriggerRegistration r) {
        KeptRegistration kept = registered.get(key(r));
        return (T) (kept != null && kept.isRegistered() ? "UP" : "DOWN");
    }

    private static String key(OutriggerRegistration r) {
        return r.getServiceId() + "/" + r.getInstanceId();
    }
}
