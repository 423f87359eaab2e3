package dev.outrigger.client;

import dev.outrigger.client.internal.Backoff;
import dev.outrigger.client.internal.Transport;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** Opens watches and observations with the client's settings and tracks them. */
final class Streams {
    private final Transport transport;
    private final ScheduledExecutorService scheduler;
    private final Duration idleTimeout;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final Resources resources;

    Streams(Transport transport, ScheduledExecutorService scheduler, Duration idleTimeout, Duration backoffMin,
            Duration backoffMax, Resources resources) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.idleTimeout = idleTimeout;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.resources = resources;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Backoff backoff() {
        return new Backoff(backoffMin, backoffMax);
    }

    /** Opens a stream, tracks it until it closes, and waits until it is in place. */
    Watch open(Function<Runnable, Watch> factory) {
        Watch[] self = new Watch[1];
        Watch watch = factory.apply(() -> {
            if (self[0] != null) {
                resources.remove(self[0]);
            }
        });
        self[0] = watch;
        resources.add(watch);
        watch.awaitReady(transport.defaultDeadline());
        return watch;
    }
}
