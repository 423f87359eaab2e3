package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.InstanceListener;
import dev.outrigger.client.internal.wire.RegistryWire;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A registry watch on one service that resumes after the last revision it delivered. */
public final class InstanceWatch extends StreamLoop {
    private final String service;
    private final InstanceListener listener;
    private final RevisionCursor cursor;

    /**
     * @param transport the transport
     * @param scheduler runs the idle watchdog
     * @param idleTimeout silence after which the stream is reopened
     * @param backoff reconnect backoff
     * @param service the watched service
     * @param startRevision the first revision to deliver, 0 for after the current one
     * @param listener the listener
     * @param onClose run once when the watch closes
     */
    public InstanceWatch(Transport transport, ScheduledExecutorService scheduler, Duration idleTimeout,
            Backoff backoff, String service, long startRevision, InstanceListener listener, Runnable onClose) {
        super("outrigger-watch-service:" + service, transport, listener, scheduler, idleTimeout, backoff, onClose);
        this.service = service;
        this.listener = listener;
        this.cursor = new RevisionCursor(startRevision);
        start();
    }

    @Override
    protected String path() {
        return UrlPaths.query().add("startRevision", cursor.nextStart())
                .appendTo("/v1/services/" + UrlPaths.segment(service) + "/instances:watch");
    }

    @Override
    protected void handle(JsonNode node, ObjectMapper json) throws IOException {
        RegistryWire.WatchLine line = json.treeToValue(node, RegistryWire.WatchLine.class);
        if (line.resync != null) {
            long revision = line.resync.getRevision();
            cursor.seen(revision);
            Listeners.call(() -> listener.onResync(revision, line.resync.getInstances()));
        } else if (line.progressRevision != null) {
            long revision = line.progressRevision;
            cursor.seen(revision);
            Listeners.call(() -> listener.onProgress(revision));
        } else if (line.events != null && !line.events.isEmpty() && cursor.isNew(line.revision)) {
            cursor.seen(line.revision);
            Listeners.call(() -> listener.onEvents(line.revision, line.events));
        }
        markReady();
    }

    @Override
    public long lastRevision() {
        return cursor.last();
    }
}
