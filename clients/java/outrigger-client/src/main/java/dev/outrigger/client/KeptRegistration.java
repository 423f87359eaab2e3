package dev.outrigger.client;

import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.internal.Backoff;
import dev.outrigger.client.model.Instance;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A registration bound to a session the client keeps alive: if the application dies, the
 * instance vanishes within the TTL. If the session is lost while the application lives,
 * the client creates a new one and registers again. {@link #close()} deregisters.
 */
public final class KeptRegistration implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeptRegistration.class.getName());

    private final RegistryClient registry;
    private final SessionClient sessions;
    private final ScheduledExecutorService scheduler;
    private final String service;
    private final String id;
    private final InstanceRegistration registration;
    private final Duration ttl;
    private final Backoff backoff;
    private final Runnable onClose;
    private volatile KeptSession session;
    private volatile Instance instance;
    private volatile boolean closed;

    KeptRegistration(RegistryClient registry, SessionClient sessions, ScheduledExecutorService scheduler,
            String service, String id, InstanceRegistration registration, Duration ttl, Backoff backoff,
            Runnable onClose) {
        this.registry = registry;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.service = service;
        this.id = id;
        this.registration = registration;
        this.ttl = ttl;
        this.backoff = backoff;
        this.onClose = onClose;
    }

    /** Registers now; throws when the first registration fails. */
    void register() {
        KeptSession s = sessions.createKept(ttl);
        try {
            instance = registry.register(service, id, registration.copyWithSession(s.id()));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        session = s;
        s.onLost((lost, reason) -> {
            LOG.log(System.Logger.Level.WARNING, "registration " + service + "/" + id + " lost its session ("
                    + reason + "): registering again");
            retry();
        });
    }

    private void retry() {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                if (closed) {
                    return;
                }
                try {
                    register();
                    backoff.reset();
                } catch (OutriggerException e) {
                    LOG.log(System.Logger.Level.WARNING, "registering " + service + "/" + id + " failed: " + e);
                    retry();
                }
            }, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the client is closing
        }
    }

    /** @return the instance as last registered */
    public Instance instance() {
        return instance;
    }

    /** @return whether the instance is registered now (its session alive) */
    public boolean isRegistered() {
        KeptSession s = session;
        return !closed && s != null && s.isAlive();
    }

    /** Deregisters the instance and ends its session. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            registry.deregister(service, id);
        } catch (OutriggerException e) {
            // the session's end removes it anyway
        }
        KeptSession s = session;
        if (s != null) {
            s.close();
        }
        onClose.run();
    }
}
