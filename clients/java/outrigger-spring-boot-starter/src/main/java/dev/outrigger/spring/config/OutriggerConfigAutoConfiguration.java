package dev.outrigger.spring.config;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.OutriggerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Live config: watches what {@code spring.config.import=outrigger:} loaded. Off with
 * {@code outrigger.config.enabled=false} (or only the watch with
 * {@code outrigger.config.watch.enabled=false}).
 */
@AutoConfiguration(after = OutriggerAutoConfiguration.class)
@ConditionalOnBean(OutriggerClient.class)
@ConditionalOnProperty(prefix = "outrigger.config", name = "enabled", matchIfMissing = true)
public class OutriggerConfigAutoConfiguration {

    /**
     * @param client the client
     * @param environment the environment
     * @param publisher the event publisher
     * @return the watcher
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "outrigger.config.watch", name = "enabled", matchIfMissing = true)
    public OutriggerConfigWatcher outriggerConfigWatcher(OutriggerClient client, ConfigurableEnvironment environment,
            ApplicationEventPublisher publisher) {
        return new OutriggerConfigWatcher(client, environment, publisher);
    }

    /** The bridge to Spring Cloud's refresh, when spring-cloud-context is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EnvironmentChangeEvent.class)
    static class CloudRefresh {
        @Bean
        @ConditionalOnMissingBean
        CloudRefreshBridge outriggerCloudRefreshBridge(ApplicationEventPublisher publisher,
                ObjectProvider<RefreshScope> refreshScope) {
            return new CloudRefreshBridge(publisher, refreshScope);
        }
    }
}
