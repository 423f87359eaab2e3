package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.EventType;
import dev.outrigger.client.model.Instance;
import dev.outrigger.client.model.InstanceEvent;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient(b -> b.sessionTtl(Duration.ofSeconds(3)));

    @Test
    void registersListsWatchesAndDeregisters() {
        String service = Names.unique("svc");
        List<InstanceEvent> events = new CopyOnWriteArrayList<>();
        try (Watch w = CLIENT.get().registry().watch(service, (rev, batch) -> events.addAll(batch))) {
            Instance a = CLIENT.get().registry().register(service, "a",
                    InstanceRegistration.of("10.1.2.3", 8080).metadata("zone", "eu").sessionTtl(Duration.ofSeconds(30)));
            assertEquals("10.1.2.3", a.getAddress());
            assertEquals(8080, a.getPort());
            assertEquals(Map.of("zone", "eu"), a.getMetadata());
            assertNotEquals(0, a.getSessionId());
            CLIENT.get().registry().register(service, "b", InstanceRegistration.of("10.1.2.4", 8080));

            assertTrue(CLIENT.get().registry().services().getServices().contains(service));
            assertEquals(List.of("a", "b"), CLIENT.get().registry().instances(service).getInstances().stream()
                    .map(Instance::getId).sorted().collect(Collectors.toList()));

            assertTrue(CLIENT.get().registry().deregister(service, "b"));
            assertFalse(CLIENT.get().registry().deregister(service, "b"));
            CLIENT.get().sessions().delete(a.getSessionId());
            assertTrue(CLIENT.get().registry().instances(service).getInstances().isEmpty(),
                    "an instance vanishes with its session");

            Eventually.await("4 events", () -> events.size() >= 4);
            assertEquals(List.of("PUT:a", "PUT:b", "DELETE:b", "DELETE:a"), events.stream()
                    .map(e -> e.getType() + ":" + e.getInstance().getId()).collect(Collectors.toList()));
            assertEquals(EventType.PUT, events.get(0).getType());
            assertEquals("eu", events.get(0).getInstance().getMetadata().get("zone"));
        }
    }

    @Test
    void keptRegistrationsLiveWithTheClientAndComeBackAfterALoss() {
        String service = Names.unique("kept");
        KeptRegistration r = CLIENT.get().registry().registerKept(service, "me",
                InstanceRegistration.of("127.0.0.1", 9000).metadata("v", "1"), Duration.ofSeconds(3));
        long firstSession = r.instance().getSessionId();
        assertTrue(r.isRegistered());
        CLIENT.get().sessions().delete(firstSession);
        Eventually.await("registered again with a new session", () -> CLIENT.get().registry().instances(service)
                .getInstances().stream().anyMatch(i -> i.getSessionId() != firstSession));
        r.close();
        assertTrue(CLIENT.get().registry().instances(service).getInstances().isEmpty());
    }

    @Test
    void resyncsWhenTheStartRevisionWasCompacted() {
        String service = Names.unique("resync");
        Instance a = CLIENT.get().registry().register(service, "a", InstanceRegistration.of("10.0.0.1", 1));
        Instance b = CLIENT.get().registry().register(service, "b", InstanceRegistration.of("10.0.0.2", 2));
        CLIENT.get().registry().deregister(service, "a");
        Sidecar.shared().compact(b.getModRevision());
        List<List<Instance>> resyncs = new CopyOnWriteArrayList<>();
        List<InstanceEvent> events = new CopyOnWriteArrayList<>();
        try (Watch w = CLIENT.get().registry().watch(service, a.getModRevision(), new InstanceListener() {
            @Override
            public void onEvents(long revision, List<InstanceEvent> batch) {
                events.addAll(batch);
            }

            @Override
            public void onResync(long revision, List<Instance> instances) {
                resyncs.add(instances);
            }
        })) {
            Eventually.await("a resync", () -> !resyncs.isEmpty());
            assertEquals(List.of("b"), resyncs.get(0).stream().map(Instance::getId).collect(Collectors.toList()));
            assertTrue(events.isEmpty(), "nothing before the resync's revision is replayed");
            CLIENT.get().registry().register(service, "c", InstanceRegistration.of("10.0.0.3", 3));
            Eventually.await("events after the resync", () -> events.size() == 1);
            assertEquals("c", events.get(0).getInstance().getId());
        } finally {
            CLIENT.get().registry().deregister(service, "b");
            CLIENT.get().registry().deregister(service, "c");
        }
    }
}
