package dev.outrigger.spring.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The reactive {@link ReactiveDiscoveryClient}: the blocking one, on the bounded-elastic scheduler. */
public class OutriggerReactiveDiscoveryClient implements ReactiveDiscoveryClient {
    private final OutriggerDiscoveryClient delegate;

    /** @param delegate the blocking client */
    public OutriggerReactiveDiscoveryClient(OutriggerDiscoveryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public String description() {
        return "Outrigger ReactiveDiscoveryClient";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> Flux.fromIterable(delegate.getInstances(serviceId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(delegate.getServices())).subscribeOn(Schedulers.boundedElastic());
    }
}
