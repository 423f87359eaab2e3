package dev.outrigger.spring.discovery;

import dev.outrigger.client.model.Instance;
import java.net.URI;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;

/** A registered instance as Spring Cloud sees it; metadata {@code secure=true} means HTTPS. */
public class OutriggerServiceInstance implements ServiceInstance {
    private final Instance instance;

    /** @param instance the registry's instance */
    public OutriggerServiceInstance(Instance instance) {
        this.instance = instance;
    }

    /** @return the registry's instance */
    public Instance getInstance() {
        return instance;
    }

    @Override
    public String getInstanceId() {
        return instance.getId();
    }

    @Override
    public String getServiceId() {
        return instance.getService();
    }

    @Override
    public String getHost() {
        return instance.getAddress();
    }

    @Override
    public int getPort() {
        return instance.getPort();
    }

    @Override
    public boolean isSecure() {
        return "true".equals(instance.getMetadata().get("secure"));
    }

    @Override
    public URI getUri() {
        return URI.create((isSecure() ? "https" : "http") + "://" + getHost() + ":" + getPort());
    }

    @Override
    public Map<String, String> getMetadata() {
        return instance.getMetadata();
    }

    @Override
    public String toString() {
        return "OutriggerServiceInstance{" + getServiceId() + "/" + getInstanceId() + " at " + getUri() + "}";
    }
}
