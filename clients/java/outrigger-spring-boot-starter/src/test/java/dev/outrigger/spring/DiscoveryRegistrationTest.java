package dev.outrigger.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.Instance;
import dev.outrigger.spring.discovery.OutriggerDiscoveryClient;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app registers itself when its web server starts and is found through DiscoveryClient. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.application.name=discovery-it",
    "outrigger.discovery.address=127.0.0.1",
    "outrigger.discovery.instance-id=discovery-it-1",
    "outrigger.discovery.metadata.zone=eu-1",
    "outrigger.discovery.health-check.enabled=true",
    "outrigger.discovery.health-check.interval=1s",
    "management.endpoint.health.show-details=always"})
@DirtiesContext
class DiscoveryRegistrationTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient();

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @DynamicPropertySource
    static void sidecar(DynamicPropertyRegistry registry) {
        registry.add("outrigger.endpoint", () -> Sidecar.shared().endpoint());
    }

    @LocalServerPort
    int port;

    @Autowired
    DiscoveryClient discovery;

    @Autowired
    ReactiveDiscoveryClient reactiveDiscovery;

    @Autowired
    TestRestTemplate http;

    @Test
    void registersItselfAndListsItsPeers() {
        Instance peer = CLIENT.get().registry().register("discovery-it", "discovery-it-peer",
                dev.outrigger.client.InstanceRegistration.of("10.9.8.7", 8443).metadata("secure", "true"));
        try {
            List<ServiceInstance> instances = discovery.getInstances("discovery-it");
            assertEquals(2, instances.size(), instances.toString());
            ServiceInstance me = instances.stream().filter(i -> i.getInstanceId().equals("discovery-it-1"))
                    .findFirst().orElseThrow();
            assertEquals("127.0.0.1", me.getHost());
            assertEquals(port, me.getPort(), "registered with the web server's port");
            assertEquals("eu-1", me.getMetadata().get("zone"));
            ServiceInstance other = instances.stream().filter(i -> i.getInstanceId().equals(peer.getId()))
                    .findFirst().orElseThrow();
            assertEquals("https://10.9.8.7:8443", other.getUri().toString());
            assertTrue(discovery.getServices().contains("discovery-it"));
            assertEquals(2, reactiveDiscovery.getInstances("discovery-it").collectList().block().size());

            Instance registered = CLIENT.get().registry().instances("discovery-it").getInstances().stream()
                    .filter(i -> i.getId().equals("discovery-it-1")).findFirst().orElseThrow();
            assertEquals("http://127.0.0.1:" + port + "/actuator/health", registered.getHealthCheck().getHttp());
            assertEquals(1, registered.getHealthCheck().getIntervalSeconds());
            assertTrue(registered.getSessionId() != 0, "bound to a session the app keeps alive");
        } finally {
            CLIENT.get().registry().deregister("discovery-it", peer.getId());
        }
    }

    @Test
    void theDiscoveryClientIsOutriggers() {
        assertTrue(discovery.description().contains("Outrigger") || discovery.description().contains("Composite"));
        assertTrue(discovery instanceof OutriggerDiscoveryClient
                || discovery.getClass().getSimpleName().startsWith("Composite"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsTheSidecarsHealth() {
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        assertEquals("UP", health.get("status"));
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        Map<String, Object> outrigger = (Map<String, Object>) components.get("outrigger");
        assertEquals("UP", outrigger.get("status"));
        assertEquals("t1", ((Map<String, Object>) outrigger.get("details")).get("name"));
    }

    @Test
    void staysRegisteredWhileTheSidecarProbesTheHealthCheck() {
        // the sidecar probes every second and removes the instance after 3 failures in a row
        long firstRevision = registeredRevision();
        long start = System.nanoTime();
        Eventually.await("4 probe intervals", () -> System.nanoTime() - start > 4_000_000_000L);
        assertEquals(firstRevision, registeredRevision(), "never removed and written back");
    }

    private long registeredRevision() {
        return CLIENT.get().registry().instances("discovery-it").getInstances().stream()
                .filter(i -> i.getId().equals("discovery-it-1")).findFirst().orElseThrow().getModRevision();
    }
}
