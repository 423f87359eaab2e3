package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.LeaderListener;
import dev.outrigger.client.internal.wire.ElectionWire;
import dev.outrigger.client.model.Leader;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Observes an election's leader. The observe stream starts with the current leader, so
 * after a reconnect the listener hears only of a leader that differs from the last one
 * it was told.
 */
public final class LeaderObservation extends StreamLoop {
    private final String name;
    private final LeaderListener listener;
    private final RevisionCursor cursor = new RevisionCursor(0);
    private boolean told;
    private Leader last;

    /**
     * @param transport the transport
     * @param scheduler runs the idle watchdog
     * @param idleTimeout silence after which the stream is reopened
     * @param backoff reconnect backoff
     * @param name the election
     * @param listener the listener
     * @param onClose run once when the observation closes
     */
    public LeaderObservation(Transport transport, ScheduledExecutorService scheduler, Duration idleTimeout,
            Backoff backoff, String name, LeaderListener listener, Runnable onClose) {
        super("outrigger-observe:" + name, transport, listener, scheduler, idleTimeout, backoff, onClose);
        this.name = name;
        this.listener = listener;
        start();
    }

    @Override
    protected String path() {
        return "/v1/elections/" + UrlPaths.segment(name) + ":observe";
    }

    @Override
    protected void handle(JsonNode node, ObjectMapper json) throws IOException {
        ElectionWire.ObserveLine line = json.treeToValue(node, ElectionWire.ObserveLine.class);
        if (line.progressRevision != null) {
            long revision = line.progressRevision;
            cursor.seen(revision);
            Listeners.call(() -> listener.onProgress(revision));
        } else {
            cursor.seen(line.revision);
            Leader leader = line.leader == null || line.leader.getSessionId() == 0 ? null : line.leader;
            if (!told || !same(leader, last)) {
                told = true;
                last = leader;
                Listeners.call(() -> listener.onLeader(Optional.ofNullable(leader), line.revision));
            }
        }
        markReady();
    }

    private static boolean same(Leader a, Leader b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getSessionId() == b.getSessionId() && a.getTerm() == b.getTerm()
                && Objects.equals(a.getValue(), b.getValue());
    }

    @Override
    public long lastRevision() {
        return cursor.last();
    }
}
