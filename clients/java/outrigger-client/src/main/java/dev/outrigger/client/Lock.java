package dev.outrigger.client;

import dev.outrigger.client.model.LockCondition;

/**
 * A held lock, with its fencing token. Its session is kept alive by the client; if the
 * session is lost the lock is lost, {@link #isHeld()} turns false and the loss listeners
 * are told at once. Pass {@link #fencingToken()} along with every write the lock protects
 * (or use {@link PutOptions#ifLockHeld(Lock)} for Outrigger config). Closing releases it.
 * <pre>{@code
 * try (Lock lock = client.locks().acquire("nightly-report", Duration.ofSeconds(30))) {
 *     store.write(data, lock.fencingToken());
 * }
 * }</pre>
 */
public final class Lock implements AutoCloseable {
    private final String name;
    private final long fencingToken;
    private final KeptSession session;
    private volatile boolean released;

    Lock(String name, long fencingToken, KeptSession session) {
        this.name = name;
        this.fencingToken = fencingToken;
        this.session = session;
    }

    /** @return the lock's name */
    public String name() {
        return name;
    }

    /** @return the grant's fencing token: larger than that of any grant before it */
    public long fencingToken() {
        return fencingToken;
    }

    /** @return the holding session's id */
    public long sessionId() {
        return session.id();
    }

    /** @return true until the lock is released or lost */
    public boolean isHeld() {
        return !released && session.isAlive();
    }

    /** @return the condition of a write fenced by this grant */
    public LockCondition condition() {
        return new LockCondition(name, fencingToken);
    }

    /**
     * Adds a loss listener; it is told at once if the lock is already lost.
     * Not called on {@link #close()}.
     *
     * @param listener the listener
     * @return this
     */
    public Lock onLost(LockLossListener listener) {
        session.onLost((s, reason) -> {
            if (!released) {
                listener.onLost(this, reason);
            }
        });
        return this;
    }

    /** Releases the lock: ends its session, so the next in line gets it at once. */
    @Override
    public void close() {
        released = true;
        session.close();
    }

    @Override
    public String toString() {
        return "Lock{name=" + name + ", fencingToken=" + fencingToken + ", held=" + isHeld() + "}";
    }
}
