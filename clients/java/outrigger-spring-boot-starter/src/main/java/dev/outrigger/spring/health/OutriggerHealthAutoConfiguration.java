package dev.outrigger.spring.health;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.OutriggerAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code outrigger} health indicator, when the actuator is present. Off with
 * {@code outrigger.health.enabled=false} or {@code management.health.outrigger.enabled=false}.
 */
@AutoConfiguration(after = OutriggerAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(OutriggerClient.class)
@ConditionalOnProperty(prefix = "outrigger.health", name = "enabled", matchIfMissing = true)
public class OutriggerHealthAutoConfiguration {

    /**
     * @param client the client
     * @return the health indicator
     */
    @Bean(name = "outriggerHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("outrigger")
    @ConditionalOnMissingBean(name = "outriggerHealthIndicator")
    public OutriggerHealthIndicator outriggerHealthIndicator(OutriggerClient client) {
        return new OutriggerHealthIndicator(client);
    }
}
