package dev.outrigger.client;

import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.internal.wire.SessionWire;
import dev.outrigger.client.model.Session;
import java.time.Duration;

/**
 * Sessions: etcd leases that own ephemeral keys, registrations, locks and leaderships.
 * A session expires {@code ttl} after its last keep-alive; use {@link #keep(Session)} to
 * have the client keep it alive.
 */
public final class SessionClient {
    private final Transport transport;
    private volatile SessionKeeper keeper;

    SessionClient(Transport transport) {
        this.transport = transport;
    }

    void keeper(SessionKeeper keeper) {
        this.keeper = keeper;
    }

    /**
     * Creates a session.
     *
     * @param ttl between 2 seconds and 1 day, whole seconds
     * @return the session
     */
    public Session create(Duration ttl) {
        SessionWire.CreateBody body = new SessionWire.CreateBody();
        body.ttlSeconds = (int) ttl.toSeconds();
        return transport.call("POST", "/v1/sessions", body, Session.class);
    }

    /**
     * Renews a session once.
     *
     * @param id the session id
     * @return the session's TTL in seconds
     * @throws dev.outrigger.client.errors.NotFoundException once the session expired
     */
    public int keepAlive(long id) {
        return keepAlive(id, transport.defaultDeadline());
    }

    int keepAlive(long id, Duration deadline) {
        return transport.call("POST", "/v1/sessions/" + id + ":keepalive", null,
                SessionWire.KeepAliveAnswer.class, deadline).ttlSeconds;
    }

    /**
     * Reads a session.
     *
     * @param id the session id
     * @return the session, with its remaining time
     * @throws dev.outrigger.client.errors.NotFoundException when there is no such session
     */
    public Session get(long id) {
        return transport.call("GET", "/v1/sessions/" + UrlPaths.segment(Long.toString(id)), null, Session.class);
    }

    /**
     * Ends a session, releasing all it holds at once.
     *
     * @param id the session id
     * @return whether the session existed
     */
    public boolean delete(long id) {
        return transport.call("DELETE", "/v1/sessions/" + id, null, SessionWire.DeleteAnswer.class).deleted;
    }

    /**
     * Has the client keep a session alive on its daemon thread.
     *
     * @param session a session from {@link #create(Duration)}
     * @return the kept session; close it to end the session
     */
    public KeptSession keep(Session session) {
        return keeper.keep(session.getId(), Duration.ofSeconds(session.getTtlSeconds()));
    }

    /**
     * Creates a session and keeps it alive.
     *
     * @param ttl the TTL
     * @return the kept session; close it to end the session
     */
    public KeptSession createKept(Duration ttl) {
        return keep(create(ttl));
    }
}
