package dev.outrigger.spring.lock;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.OutriggerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * A Spring Integration {@link LockRegistry} backed by Outrigger locks, when
 * spring-integration-core is present. Off with {@code outrigger.lock.enabled=false};
 * {@code outrigger.lock.name-prefix} goes before every key.
 */
@AutoConfiguration(after = OutriggerAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
@ConditionalOnBean(OutriggerClient.class)
@ConditionalOnProperty(prefix = "outrigger.lock", name = "enabled", matchIfMissing = true)
public class OutriggerLockAutoConfiguration {

    /**
     * @param client the client
     * @param environment for outrigger.lock.name-prefix
     * @return the lock registry
     */
    @Bean
    @ConditionalOnMissingBean(LockRegistry.class)
    public OutriggerLockRegistry outriggerLockRegistry(OutriggerClient client, Environment environment) {
        return new OutriggerLockRegistry(client, environment.getProperty("outrigger.lock.name-prefix", ""));
    }
}
