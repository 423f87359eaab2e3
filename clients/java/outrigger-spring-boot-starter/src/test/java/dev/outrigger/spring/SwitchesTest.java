package dev.outrigger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.config.OutriggerConfigWatcher;
import dev.outrigger.spring.discovery.OutriggerDiscoveryAutoConfiguration;
import dev.outrigger.spring.discovery.OutriggerAutoServiceRegistrationAutoConfiguration;
import dev.outrigger.spring.discovery.OutriggerDiscoveryClient;
import dev.outrigger.spring.discovery.OutriggerServiceRegistry;
import dev.outrigger.spring.config.OutriggerConfigAutoConfiguration;
import dev.outrigger.spring.health.OutriggerHealthAutoConfiguration;
import dev.outrigger.spring.health.OutriggerHealthIndicator;
import dev.outrigger.spring.leader.OutriggerLeaderAutoConfiguration;
import dev.outrigger.spring.leader.OutriggerLeaderInitiator;
import dev.outrigger.spring.lock.OutriggerLockAutoConfiguration;
import dev.outrigger.spring.lock.OutriggerLockRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.integration.support.locks.LockRegistry;

/** Every piece is on by default and off by its property; optional libraries stay optional. */
class SwitchesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OutriggerAutoConfiguration.class,
                    OutriggerConfigAutoConfiguration.class, OutriggerDiscoveryAutoConfiguration.class,
                    OutriggerAutoServiceRegistrationAutoConfiguration.class, OutriggerLockAutoConfiguration.class,
                    OutriggerLeaderAutoConfiguration.class, OutriggerHealthAutoConfiguration.class))
            .withPropertyValues("outrigger.endpoint=http://127.0.0.1:1", "outrigger.leader.role=r");

    @Test
    void everythingIsOnByDefault() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(OutriggerClient.class)
                .hasSingleBean(OutriggerConfigWatcher.class).hasSingleBean(OutriggerDiscoveryClient.class)
                .hasSingleBean(OutriggerServiceRegistry.class).hasSingleBean(OutriggerLockRegistry.class)
                .hasSingleBean(OutriggerLeaderInitiator.class).hasSingleBean(OutriggerHealthIndicator.class));
    }

    @Test
    void eachPieceSwitchesOff() {
        runner.withPropertyValues("outrigger.config.enabled=false", "outrigger.discovery.enabled=false",
                "outrigger.lock.enabled=false", "outrigger.leader.enabled=false", "outrigger.health.enabled=false")
                .run(ctx -> assertThat(ctx).hasSingleBean(OutriggerClient.class)
                        .doesNotHaveBean(OutriggerConfigWatcher.class).doesNotHaveBean(DiscoveryClient.class)
                        .doesNotHaveBean(OutriggerServiceRegistry.class).doesNotHaveBean(LockRegistry.class)
                        .doesNotHaveBean(OutriggerLeaderInitiator.class)
                        .doesNotHaveBean(OutriggerHealthIndicator.class));
        runner.withPropertyValues("outrigger.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(OutriggerClient.class)
                        .doesNotHaveBean(OutriggerLockRegistry.class));
    }

    @Test
    void worksWithoutTheOptionalLibraries() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud", "org.springframework.integration",
                "org.springframework.boot.actuate", "reactor."))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(OutriggerClient.class)
                        .hasSingleBean(OutriggerConfigWatcher.class).doesNotHaveBean("outriggerLockRegistry")
                        .doesNotHaveBean("outriggerDiscoveryClient").doesNotHaveBean("outriggerHealthIndicator"));
    }
}
