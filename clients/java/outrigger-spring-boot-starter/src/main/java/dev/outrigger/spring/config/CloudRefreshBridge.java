package dev.outrigger.spring.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * With spring-cloud-context: turns each {@link OutriggerConfigChangedEvent} into the
 * standard {@link EnvironmentChangeEvent} (so {@code @ConfigurationProperties} beans rebind)
 * and refreshes the {@code @RefreshScope} beans, as Spring Cloud's own refresh does.
 */
public class CloudRefreshBridge {
    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<RefreshScope> refreshScope;

    /**
     * @param publisher publishes the environment change
     * @param refreshScope the refresh scope, when there is one
     */
    public CloudRefreshBridge(ApplicationEventPublisher publisher, ObjectProvider<RefreshScope> refreshScope) {
        this.publisher = publisher;
        this.refreshScope = refreshScope;
    }

    /** @param event the changed keys */
    @EventListener
    public void onConfigChanged(OutriggerConfigChangedEvent event) {
        publisher.publishEvent(new EnvironmentChangeEvent(event.getKeys()));
        refreshScope.ifAvailable(RefreshScope::refreshAll);
    }
}
