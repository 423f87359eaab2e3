package dev.outrigger.client.internal;

import dev.outrigger.client.ConfigListener;
import dev.outrigger.client.internal.wire.ConfigWire;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A config watch on a prefix. */
public final class ConfigWatch extends RevisionWatch<ConfigWire.WatchLine> {
    private final String prefix;
    private final ConfigListener listener;

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
        super("outrigger-watch-config:" + prefix, ConfigWire.WatchLine.class, transport, scheduler, idleTimeout,
                backoff, startRevision, listener, onClose);
        this.prefix = prefix;
        this.listener = listener;
        start();
    }

    @Override
    protected String path(Long startRevision) {
        return UrlPaths.query().add("prefix", prefix).add("startRevision", startRevision)
                .appendTo("/v1/config:watch");
    }

    @Override
    protected void deliverResync(ConfigWire.WatchLine line) {
        listener.onResync(line.resync.getRevision(), line.resync.getItems());
    }

    @Override
    protected void deliverEvents(ConfigWire.WatchLine line) {
        listener.onEvents(line.revision, line.events);
    }
}
