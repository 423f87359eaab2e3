package dev.outrigger.client;

import dev.outrigger.client.errors.LockNotAcquiredException;
import dev.outrigger.client.errors.NotFoundException;
import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.internal.wire.LockWire;
import dev.outrigger.client.model.LockHolder;
import java.time.Duration;
import java.util.Optional;

/**
 * Named locks, first come first served, each grant with a fencing token. Every lock gets
 * its own session, created first and kept alive by the client while it waits and while it
 * holds, so a long wait cannot outlive its session.
 */
public final class LockClient {
    private final Transport transport;
    private final SessionClient sessions;
    private final Duration sessionTtl;

    LockClient(Transport transport, SessionClient sessions, Duration sessionTtl) {
        this.transport = transport;
        this.sessions = sessions;
        this.sessionTtl = sessionTtl;
    }

    /**
     * Takes a lock, waiting in line up to {@code wait}.
     *
     * @param name the lock
     * @param wait how long to wait; zero tries once (at most 600 s)
     * @return the held lock; close it to release
     * @throws LockNotAcquiredException when the wait ran out
     */
    public Lock acquire(String name, Duration wait) {
        return tryAcquire(name, wait).orElseThrow(() -> new LockNotAcquiredException(name,
                "lock \"" + name + "\" not acquired within " + wait.toMillis() + " ms"));
    }

    /**
     * Tries once to take a lock.
     *
     * @param name the lock
     * @return the held lock, or empty when someone else holds it
     */
    public Optional<Lock> tryAcquire(String name) {
        return tryAcquire(name, Duration.ZERO);
    }

    /**
     * Takes a lock, waiting in line up to {@code wait}.
     *
     * @param name the lock
     * @param wait how long to wait; zero tries once
     * @return the held lock, or empty when the wait ran out
     */
    public Optional<Lock> tryAcquire(String name, Duration wait) {
        KeptSession session = sessions.createKept(sessionTtl);
        try {
            LockWire.AcquireBody body = new LockWire.AcquireBody();
            body.sessionId = session.id();
            body.waitSeconds = wait.toMillis() / 1000.0;
            LockWire.AcquireAnswer answer = transport.call("POST",
                    "/v1/locks/" + UrlPaths.segment(name) + ":acquire", body, LockWire.AcquireAnswer.class,
                    wait.plus(transport.defaultDeadline()));
            if (!answer.acquired) {
                session.close();
                return Optional.empty();
            }
            return Optional.of(new Lock(name, answer.fencingToken, session));
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /**
     * @param name the lock
     * @return its current holder, or empty when it is free
     */
    public Optional<LockHolder> holder(String name) {
        try {
            return Optional.of(transport.call("GET", "/v1/locks/" + UrlPaths.segment(name), null, LockHolder.class));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
