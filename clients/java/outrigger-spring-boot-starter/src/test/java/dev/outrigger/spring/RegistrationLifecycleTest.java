package dev.outrigger.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.model.Instance;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.Sidecar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Registration follows the web server: registered when it starts, gone when the app stops. */
class RegistrationLifecycleTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void deregistersOnShutdown() {
        String service = Names.unique("lifecycle");
        try (OutriggerClient client = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build()) {
            ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                    .properties("spring.application.name=" + service, "server.port=0",
                            "outrigger.endpoint=" + Sidecar.shared().endpoint(),
                            "outrigger.discovery.address=127.0.0.1")
                    .run();
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            List<Instance> live = client.registry().instances(service).getInstances();
            assertEquals(1, live.size());
            assertEquals(port, live.get(0).getPort());
            assertEquals(service + "-127.0.0.1-" + port, live.get(0).getId());
            ctx.close();
            assertTrue(client.registry().instances(service).getInstances().isEmpty(), "deregistered at once");
            assertTrue(client.sessions().delete(live.get(0).getSessionId()) == false, "its session ended too");
        }
    }

    @Test
    void registrationCanBeSwitchedOff() {
        String service = Names.unique("quiet");
        try (OutriggerClient client = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build();
                ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                        .properties("spring.application.name=" + service, "server.port=0",
                                "outrigger.endpoint=" + Sidecar.shared().endpoint(),
                                "outrigger.discovery.register=false")
                        .run()) {
            assertTrue(client.registry().instances(service).getInstances().isEmpty());
        }
    }
}
