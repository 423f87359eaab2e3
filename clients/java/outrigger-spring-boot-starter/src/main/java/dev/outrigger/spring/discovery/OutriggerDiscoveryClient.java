package dev.outrigger.spring.discovery;

import dev.outrigger.client.OutriggerClient;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/** A {@link DiscoveryClient} over the Outrigger registry; each call asks the local sidecar. */
public class OutriggerDiscoveryClient implements DiscoveryClient {
    private final OutriggerClient client;

    /** @param client the client */
    public OutriggerDiscoveryClient(OutriggerClient client) {
        this.client = client;
    }

    @Override
    public String description() {
        return "Outrigger DiscoveryClient (" + client.endpoint() + ")";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return client.registry().instances(serviceId).getInstances().stream()
                .map(OutriggerServiceInstance::new).collect(Collectors.toList());
    }

    @Override
    public List<String> getServices() {
        return client.registry().services().getServices();
    }

    @Override
    public void probe() {
        client.cluster().status();
    }
}
