package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.ConfigListener;
import dev.outrigger.client.internal.wire.ConfigWire;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A config watch that resumes after the last revision it delivered. */
public final class ConfigWatch extends StreamLoop {
    private final String prefix;
    private final ConfigListener listener;
    private final RevisionCursor cursor;

    /**
     * @param transport the transport
     * @param scheduler runs the idle watchdog
     * @param idleTimeout silence after which the stream is reopened
     * @param backoff reconnect backoff
     * @param prefix the watched prefix
     * @param startRevision the first revision to deliver, 0 for after the current one
     * @param listener the listener
     * @param onClose run once when the watch closes
     */
    public ConfigWatch(Transport transport, ScheduledExecutorService scheduler, Duration idleTimeout,
            Backoff backoff, String prefix, long startRevision, ConfigListener listener, Runnable onClose) {
        super("outrigger-watch-config:" + prefix, transport, listener, scheduler, idleTimeout, backoff, onClose);
        this.prefix = prefix;
        this.listener = listener;
        this.cursor = new RevisionCursor(startRevision);
        start();
    }

    @Override
    protected String path() {
        return UrlPaths.query().add("prefix", prefix).add("startRevision", cursor.nextStart())
                .appendTo("/v1/config:watch");
    }

    @Override
    protected void handle(JsonNode node, ObjectMapper json) throws IOException {
        ConfigWire.WatchLine line = json.treeToValue(node, ConfigWire.WatchLine.class);
        if (line.resync != null) {
            long revision = line.resync.getRevision();
            cursor.seen(revision);
            Listeners.call(() -> listener.onResync(revision, line.resync.getItems()));
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
