package dev.outrigger.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.PutOptions;
import dev.outrigger.client.errors.ConflictException;
import dev.outrigger.spring.lock.FencedLock;
import dev.outrigger.spring.lock.OutriggerLockRegistry;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.Sidecar;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.support.locks.LockRegistry;

/** Two applications exclude each other through the auto-configured LockRegistry. */
class LockRegistryTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    private static ConfigurableApplicationContext app() {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("outrigger.endpoint=" + Sidecar.shared().endpoint(), "outrigger.lock.name-prefix=app-")
                .run();
    }

    @Test
    void excludesAcrossApplicationsWithFencingTokens() throws Exception {
        String key = Names.unique("job");
        try (ConfigurableApplicationContext one = app(); ConfigurableApplicationContext two = app()) {
            LockRegistry r1 = one.getBean(LockRegistry.class);
            LockRegistry r2 = two.getBean(LockRegistry.class);
            assertTrue(r1 instanceof OutriggerLockRegistry);

            FencedLock l1 = (FencedLock) r1.obtain(key);
            l1.lock();
            long token1 = l1.fencingToken();
            assertTrue(l1.isHeld());
            assertTrue(l1.tryLock(), "reentrant for the holder");
            l1.unlock();
            assertTrue(l1.isHeld(), "still held after the inner unlock");

            Lock l2 = r2.obtain(key);
            assertFalse(CompletableFuture.supplyAsync(l2::tryLock).get(20, TimeUnit.SECONDS),
                    "the other application cannot take it");
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    if (!l2.tryLock(20, TimeUnit.SECONDS)) {
                        return -1L;
                    }
                    try {
                        return ((FencedLock) l2).fencingToken();
                    } finally {
                        l2.unlock();
                    }
                } catch (InterruptedException e) {
                    return -2L;
                }
            });
            String config = Names.unique("fenced");
            OutriggerClient client = one.getBean(OutriggerClient.class);
            client.config().put(config, "by one",
                    PutOptions.none().ifLockHeld(((OutriggerLockRegistry) r1).grant(key)));
            l1.unlock();
            assertFalse(l1.isHeld());
            long token2 = waiting.get(30, TimeUnit.SECONDS);
            assertTrue(token2 > token1, "the next grant has a larger token: " + token1 + " then " + token2);
            assertThrows(IllegalStateException.class, l1::fencingToken);
            assertEquals("by one", client.config().get(config).orElseThrow().getValue());
            assertThrows(ConflictException.class, () -> client.config().put(config, "stale",
                    PutOptions.none().ifLockHeld(new dev.outrigger.client.model.LockCondition("app-" + key, token1))));
        }
    }

    @Test
    void executeLockedRunsUnderTheLock() throws Exception {
        String key = Names.unique("exec");
        try (ConfigurableApplicationContext one = app()) {
            LockRegistry r = one.getBean(LockRegistry.class);
            OutriggerClient client = one.getBean(OutriggerClient.class);
            r.executeLocked(key, () -> assertTrue(client.locks().holder("app-" + key).isPresent()));
            assertTrue(client.locks().holder("app-" + key).isEmpty());
        }
    }
}
