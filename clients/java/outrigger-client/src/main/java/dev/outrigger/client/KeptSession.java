package dev.outrigger.client;

import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.internal.Listeners;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * A session the client keeps alive on a daemon thread every {@code ttl/3}. It is lost when
 * a keep-alive answers 404 (expired or deleted) or when no keep-alive succeeded for longer
 * than the TTL; its loss listeners are then told at once, and exactly once.
 * {@link #close()} stops the keep-alives and deletes the session, releasing all it holds.
 */
public final class KeptSession implements AutoCloseable {
    private final long id;
    private final Duration ttl;
    private final Executor notifier;
    private final LongConsumer deleter;
    private final Runnable onClose;
    private final List<SessionLossListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastOkNanos = System.nanoTime();
    private volatile String lostReason;
    private volatile boolean closed;

    KeptSession(long id, Duration ttl, Executor notifier, LongConsumer deleter, Runnable onClose) {
        this.id = id;
        this.onClose = onClose;
        this.ttl = ttl;
        this.notifier = notifier;
        this.deleter = deleter;
    }

    /** @return the session id */
    public long id() {
        return id;
    }

    /** @return the session's TTL */
    public Duration ttl() {
        return ttl;
    }

    /** @return true while the session is kept alive and was not lost */
    public boolean isAlive() {
        return lostReason == null && !closed;
    }

    /** @return why the session was lost, or null */
    public String lostReason() {
        return lostReason;
    }

    /**
     * Adds a loss listener; it is told at once if the session is already lost.
     *
     * @param listener the listener
     */
    public void onLost(SessionLossListener listener) {
        listeners.add(listener);
        String reason = lostReason;
        if (reason != null && listeners.remove(listener)) {
            notifier.execute(() -> Listeners.call(() -> listener.onLost(this, reason)));
        }
    }

    /** Stops keeping the session alive and deletes it (releasing its locks and leaderships). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.run();
        if (lostReason == null) {
            try {
                deleter.accept(id);
            } catch (OutriggerException e) {
                // it expires by itself within its TTL
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    void keptAlive() {
        lastOkNanos = System.nanoTime();
    }

    boolean overdue() {
        return System.nanoTime() - lastOkNanos > ttl.toNanos();
    }

    void lose(String reason) {
        synchronized (this) {
            if (lostReason != null || closed) {
                return;
            }
            lostReason = reason;
        }
        onClose.run();
        for (SessionLossListener l : listeners) {
            if (listeners.remove(l)) {
                notifier.execute(() -> Listeners.call(() -> l.onLost(this, reason)));
            }
        }
    }

    @Override
    public String toString() {
        return "KeptSession{id=" + id + ", ttl=" + ttl + (lostReason == null ? "" : ", lost=" + lostReason) + "}";
    }
}
