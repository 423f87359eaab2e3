package dev.outrigger.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Sidecar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of the demo beside a real sidecar, driven as the README does. */
class DemoApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    private int start() {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(DemoApplication.class)
                .properties("server.port=0", "outrigger.endpoint=" + Sidecar.shared().endpoint(),
                        "outrigger.session-ttl=4s", "demo.leader-job-interval=200ms", "demo.lock-job-interval=200ms")
                .run();
        apps.add(ctx);
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private JsonNode get(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void greetsFromLiveConfigFindsPeersElectsOneLeaderAndFencesTheLockJob() {
        Sidecar.shared().cli("config", "rm", "config/demo/greeting");
        int a = start();
        int b = start();

        assertEquals("Hello from Outrigger", get(a, "/greeting").get("greeting").asText());
        Sidecar.shared().cli("config", "put", "config/demo/greeting", "hi");
        Eventually.await("both instances greet with the new value",
                () -> get(a, "/greeting").get("greeting").asText().equals("hi")
                        && get(b, "/greeting").get("greeting").asText().equals("hi"));

        JsonNode peers = get(a, "/peers");
        assertEquals(2, peers.size(), peers.toString());
        assertTrue(peers.toString().contains(":" + b + "\""), peers.toString());

        Eventually.await("one leader runs the job", () -> get(a, "/leader").get("runs").asLong()
                + get(b, "/leader").get("runs").asLong() > 0);
        boolean aLeads = get(a, "/leader").get("leader").asBoolean();
        assertTrue(aLeads ^ get(b, "/leader").get("leader").asBoolean(), "exactly one leader");

        Eventually.await("both instances ran the lock job", () -> get(a, "/lock").get("runs").asLong() > 0
                && get(b, "/lock").get("runs").asLong() > 0);
        assertTrue(get(a, "/lock").get("lastFencingToken").asLong() > 0);
        assertTrue(Sidecar.shared().cli("config", "get", "demo/report/last-run").contains("token"));

        int follower = aLeads ? b : a;
        apps.remove(aLeads ? 0 : 1).close();
        Eventually.await("the other instance takes over", () -> get(follower, "/leader").get("leader").asBoolean());
        Eventually.await("and is the only peer left", () -> get(follower, "/peers").size() == 1);
    }
}
