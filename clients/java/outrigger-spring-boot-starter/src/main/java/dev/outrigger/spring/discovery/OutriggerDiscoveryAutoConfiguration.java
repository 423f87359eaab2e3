package dev.outrigger.spring.discovery;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.OutriggerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * DiscoveryClient (and ReactiveDiscoveryClient with Reactor) and ServiceRegistry over the
 * Outrigger registry. Off with {@code outrigger.discovery.enabled=false}.
 */
@AutoConfiguration(after = OutriggerAutoConfiguration.class)
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnBean(OutriggerClient.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnProperty(prefix = "outrigger.discovery", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutriggerDiscoveryProperties.class)
public class OutriggerDiscoveryAutoConfiguration {

    /**
     * @param client the client
     * @return the discovery client
     */
    @Bean
    @ConditionalOnMissingBean
    public OutriggerDiscoveryClient outriggerDiscoveryClient(OutriggerClient client) {
        return new OutriggerDiscoveryClient(client);
    }

    /**
     * @param client the client
     * @return the service registry
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public OutriggerServiceRegistry outriggerServiceRegistry(OutriggerClient client) {
        return new OutriggerServiceRegistry(client);
    }

    /** The reactive client, when Reactor is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flux.class)
    @ConditionalOnReactiveDiscoveryEnabled
    static class Reactive {
        @Bean
        @ConditionalOnMissingBean
        OutriggerReactiveDiscoveryClient outriggerReactiveDiscoveryClient(OutriggerDiscoveryClient delegate) {
            return new OutriggerReactiveDiscoveryClient(delegate);
        }
    }
}
