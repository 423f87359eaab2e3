package dev.outrigger.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.spring.leader.OutriggerLeaderInitiator;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.Sidecar;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

/** Leadership passes between two applications, announced by Spring Integration's events. */
class LeaderElectionTest {

    /** Records leader events as "granted"/"revoked". */
    public static class Events {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(AbstractLeaderEvent e) {
            if (e instanceof OnGrantedEvent) {
                seen.add("granted");
            } else if (e instanceof OnRevokedEvent) {
                seen.add("revoked");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Events events() {
            return new Events();
        }
    }

    private static ConfigurableApplicationContext app(String role, String id) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("outrigger.endpoint=" + Sidecar.shared().endpoint(), "outrigger.leader.role=" + role,
                        "outrigger.leader.id=" + id, "outrigger.session-ttl=4s")
                .run();
    }

    @Test
    void handsOverLeadershipBetweenApplications() {
        String role = Names.unique("scheduler");
        try (ConfigurableApplicationContext one = app(role, "one")) {
            Events e1 = one.getBean(Events.class);
            OutriggerLeaderInitiator i1 = one.getBean(OutriggerLeaderInitiator.class);
            Eventually.await("one is granted", () -> e1.seen.equals(List.of("granted")));
            assertTrue(i1.getContext().isLeader());
            assertEquals(role, i1.getContext().getRole());

            try (ConfigurableApplicationContext two = app(role, "two")) {
                Events e2 = two.getBean(Events.class);
                OutriggerLeaderInitiator i2 = two.getBean(OutriggerLeaderInitiator.class);
                assertFalse(i2.getContext().isLeader());
                Eventually.await("two is in line", () -> Sidecar.shared()
                        .countEtcdKeys("/outrigger/elections/" + role + "/") == 2);

                i1.getContext().yield();
                Eventually.await("two is granted", () -> e2.seen.equals(List.of("granted")));
                Eventually.await("one is revoked", () -> e1.seen.equals(List.of("granted", "revoked")));
                assertFalse(i1.getContext().isLeader());

                one.close();
                assertTrue(i2.getContext().isLeader());
                two.close();
                Eventually.await("two is revoked on shutdown", () -> e2.seen.equals(List.of("granted", "revoked")));
            }
        }
    }
}
