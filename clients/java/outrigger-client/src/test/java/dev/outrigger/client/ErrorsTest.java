package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.errors.DeadlineExceededException;
import dev.outrigger.client.errors.InvalidArgumentException;
import dev.outrigger.client.errors.NotFoundException;
import dev.outrigger.client.errors.OutOfRangeException;
import dev.outrigger.client.errors.StatusCode;
import dev.outrigger.client.errors.UnauthenticatedException;
import dev.outrigger.client.errors.UnavailableException;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input and failures come back as typed exceptions. */
class ErrorsTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient();

    @Test
    void badInputIsInvalidArgument() {
        InvalidArgumentException longKey = assertThrows(InvalidArgumentException.class,
                () -> CLIENT.get().config().put("k".repeat(4097), "v"));
        assertEquals(StatusCode.INVALID_ARGUMENT, longKey.code());
        assertThrows(InvalidArgumentException.class,
                () -> CLIENT.get().config().put(Names.unique("big"), "v".repeat(1_048_577)));
        assertThrows(InvalidArgumentException.class, () -> CLIENT.get().sessions().create(Duration.ofSeconds(1)));
        assertThrows(InvalidArgumentException.class, () -> CLIENT.get().locks().tryAcquire("bad\u0001name"));
        assertThrows(InvalidArgumentException.class,
                () -> CLIENT.get().registry().register("svc", "id", InstanceRegistration.of("127.0.0.1", 80)
                        .healthCheck("http://127.0.0.1:1/health", Duration.ofHours(2))));
    }

    @Test
    void missingThingsAreNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> CLIENT.get().sessions().keepAlive(12345));
        assertEquals(404, e.code().httpStatus());
        assertThrows(NotFoundException.class, () -> CLIENT.get().sessions().get(12345));
        assertFalse(CLIENT.get().sessions().delete(12345));
    }

    @Test
    void compactedRevisionsAreOutOfRange() {
        String key = Names.unique("compact");
        ConfigEntry old = CLIENT.get().config().put(key, "1");
        ConfigEntry now = CLIENT.get().config().put(key, "2");
        Sidecar.shared().compact(now.getModRevision());
        OutOfRangeException e = assertThrows(OutOfRangeException.class,
                () -> CLIENT.get().config().getAt(key, old.getModRevision()));
        assertTrue(e.getMessage().contains(Long.toString(now.getModRevision())), e.getMessage());
    }

    @Test
    void anUnreachableSidecarIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OutriggerClient nowhere = OutriggerClient.builder().endpoint("http://127.0.0.1:" + port).build()) {
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> nowhere.config().put("k", "v"));
            assertFalse(e.mayHaveReachedServer(), "the request never left");
            assertFalse(e.isOutcomeUnknown());
        }
    }

    @Test
    void aHangingSidecarMeetsTheDeadline() {
        try (Sidecar own = Sidecar.start();
                OutriggerClient c = OutriggerClient.builder().endpoint(own.endpoint())
                        .deadline(Duration.ofMillis(500)).build()) {
            c.config().put("k", "v");
            own.freeze(true);
            try {
                DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                        () -> c.config().put("k", "w"), () -> "the sidecar (state " + own.processState()
                                + ") answered while frozen");
                assertTrue(e.isOutcomeUnknown(), "a write that timed out may have happened");
            } finally {
                own.freeze(false);
            }
            Eventually.await("the sidecar answers again", () -> {
                try {
                    return c.config().get("k").isPresent();
                } catch (RuntimeException e) {
                    return false;
                }
            });
            long version = c.config().get("k").orElseThrow().getVersion();
            assertTrue(version <= 2, "the ambiguous write was sent once, never retried: version " + version);
        }
    }

    @Test
    void aMissingOrWrongTokenIsUnauthenticated() {
        try (Sidecar secured = Sidecar.start("--api-token", "s3cret");
                OutriggerClient none = OutriggerClient.builder().endpoint(secured.endpoint()).apiToken(null).build();
                OutriggerClient wrong = OutriggerClient.builder().endpoint(secured.endpoint()).apiToken("nope").build();
                OutriggerClient right = OutriggerClient.builder().endpoint(secured.endpoint()).apiToken("s3cret")
                        .build()) {
            assertThrows(UnauthenticatedException.class, () -> none.config().get("k"));
            assertThrows(UnauthenticatedException.class, () -> wrong.config().put("k", "v"));
            assertEquals("v", right.config().put("k", "v").getValue());

            List<Exception> terminated = new CopyOnWriteArrayList<>();
            Watch w = wrong.config().watch("", new ConfigListener() {
                @Override
                public void onEvents(long revision, List<dev.outrigger.client.model.ConfigEvent> events) {
                }

                @Override
                public void onTerminated(dev.outrigger.client.errors.OutriggerException error) {
                    terminated.add(error);
                }
            });
            Eventually.await("the watch stops loudly", () -> !terminated.isEmpty());
            assertTrue(terminated.get(0) instanceof UnauthenticatedException);
            assertFalse(w.isRunning());
        }
    }
}
