package dev.outrigger.client.internal;

import dev.outrigger.client.InstanceListener;
import dev.outrigger.client.internal.wire.RegistryWire;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A registry watch on one service. */
public final class InstanceWatch extends RevisionWatch<RegistryWire.WatchLine> {
    private final String service;
    private final InstanceListener listener;

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
        super("outrigger-watch-service:" + service, RegistryWire.WatchLine.class, transport, scheduler, idleTimeout,
                backoff, startRevision, listener, onClose);
        this.service = service;
        this.listener = listener;
        start();
    }

    @Override
    protected String path(Long startRevision) {
        return UrlPaths.query().add("startRevision", startRevision)
                .appendTo("/v1/services/" + UrlPaths.segment(service) + "/instances:watch");
    }

    @Override
    protected void deliverResync(RegistryWire.WatchLine line) {
        listener.onResync(line.resync.getRevision(), line.resync.getInstances());
    }

    @Override
    protected void deliverEvents(RegistryWire.WatchLine line) {
        listener.onEvents(line.revision, line.events);
    }
}
