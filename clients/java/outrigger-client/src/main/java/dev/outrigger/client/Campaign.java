package dev.outrigger.client;

import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.internal.Backoff;
import dev.outrigger.client.internal.DaemonThreads;
import dev.outrigger.client.internal.Listeners;
import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.internal.wire.ElectionWire;
import dev.outrigger.client.model.Leader;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A running campaign for an election. A daemon thread campaigns with a kept session
 * until elected, tells the listener, and holds leadership until the session is lost,
 * {@link #yieldLeadership()} or {@link #close()}; then it tells the listener and, unless
 * closed, campaigns again (with a new session when the old one was lost).
 */
public final class Campaign implements AutoCloseable {
    private static final Duration WAIT_CHUNK = Duration.ofSeconds(30);

    private final String name;
    private final String value;
    private final ElectionListener listener;
    private final Transport transport;
    private final SessionClient sessions;
    private final Duration sessionTtl;
    private final Executor notifier;
    private final Backoff backoff;
    private final Runnable onClose;
    private final Thread thread;
    private final Object monitor = new Object();
    private volatile boolean closed;
    private volatile boolean yieldRequested;
    private volatile KeptSession session;
    private volatile long term;
    private volatile boolean leader;

    Campaign(String name, String value, ElectionListener listener, Transport transport, SessionClient sessions,
            Duration sessionTtl, Executor notifier, Backoff backoff, Runnable onClose) {
        this.name = name;
        this.value = value;
        this.listener = listener;
        this.transport = transport;
        this.sessions = sessions;
        this.sessionTtl = sessionTtl;
        this.notifier = notifier;
        this.backoff = backoff;
        this.onClose = onClose;
        this.thread = DaemonThreads.start("outrigger-campaign:" + name, this::run, false);
    }

    void start() {
        thread.start();
    }

    /** @return the election's name */
    public String name() {
        return name;
    }

    /** @return the id of the session campaigning now, 0 before the first is created */
    public long sessionId() {
        KeptSession s = session;
        return s == null ? 0 : s.id();
    }

    /** @return whether this campaign leads now */
    public boolean isLeader() {
        KeptSession s = session;
        return leader && s != null && s.isAlive();
    }

    /** @return the current leadership's term, 0 when not leader */
    public long term() {
        return isLeader() ? term : 0;
    }

    /**
     * Changes the value the leader announces.
     *
     * @param newValue the value
     * @return the leader as now stored
     * @throws dev.outrigger.client.errors.FailedPreconditionException when not the leader
     */
    public Leader proclaim(String newValue) {
        ElectionWire.ProclaimBody body = new ElectionWire.ProclaimBody();
        KeptSession s = session;
        body.sessionId = s == null ? 0 : s.id();
        body.value = newValue;
        return transport.call("POST", "/v1/elections/" + UrlPaths.segment(name) + ":proclaim", body, Leader.class);
    }

    /** Gives up leadership now and joins the line again, behind the others. */
    public void yieldLeadership() {
        synchronized (monitor) {
            yieldRequested = true;
            monitor.notifyAll();
        }
    }

    /** Stops campaigning: resigns (ends the session) and stops the thread. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            monitor.notifyAll();
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(transport.defaultDeadline().toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // ended here, on the caller's thread, which no one interrupts: leadership passes on at once
        KeptSession s = session;
        if (s != null) {
            s.close();
        }
        onClose.run();
    }

    private void run() {
        while (!closed) {
            try {
                KeptSession s = sessions.createKept(sessionTtl);
                session = s;
                s.onLost((lost, reason) -> wake());
                campaignWith(s);
            } catch (OutriggerException e) {
                if (closed) {
                    break;
                }
                notifier.execute(() -> Listeners.call(() -> listener.onError(this, e)));
                pause(backoff.nextDelayMillis());
            } finally {
                Thread.interrupted(); // a wake-up: the loop decides what comes next
                KeptSession s = session;
                if (s != null && !closed && !s.isAlive()) {
                    s.close(); // lost: nothing to delete, just forget it
                }
            }
        }
    }

    private void campaignWith(KeptSession s) {
        while (!closed && s.isAlive()) {
            ElectionWire.CampaignBody body = new ElectionWire.CampaignBody();
            body.sessionId = s.id();
            body.value = value;
            body.waitSeconds = WAIT_CHUNK.toSeconds();
            ElectionWire.CampaignAnswer answer = transport.call("POST",
                    "/v1/elections/" + UrlPaths.segment(name) + ":campaign", body, ElectionWire.CampaignAnswer.class,
                    WAIT_CHUNK.plus(transport.defaultDeadline()));
            backoff.reset();
            if (!answer.elected || closed || !s.isAlive()) {
                continue;
            }
            lead(s, answer.term);
        }
    }

    private void lead(KeptSession s, long grantedTerm) {
        term = grantedTerm;
        leader = true;
        notifier.execute(() -> Listeners.call(() -> listener.onGranted(this, grantedTerm)));
        synchronized (monitor) {
            while (!closed && !yieldRequested && s.isAlive()) {
                try {
                    monitor.wait(1000);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        boolean yielded = yieldRequested;
        yieldRequested = false;
        String reason = closed ? "campaign closed"
                : !s.isAlive() ? "session lost: " + s.lostReason() : "yielded";
        if (yielded && !closed && s.isAlive()) {
            resign(s);
        }
        leader = false;
        term = 0;
        notifier.execute(() -> Listeners.call(() -> listener.onRevoked(this, reason)));
    }

    private void resign(KeptSession s) {
        ElectionWire.ResignBody body = new ElectionWire.ResignBody();
        body.sessionId = s.id();
        try {
            transport.call("POST", "/v1/elections/" + UrlPaths.segment(name) + ":resign", body,
                    ElectionWire.ResignAnswer.class);
        } catch (OutriggerException e) {
            // a resign that may not have happened: end the session instead
            s.close();
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (!leader) {
            thread.interrupt();
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // closed or session lost: the loop decides
        }
    }

    @Override
    public String toString() {
        return "Campaign{name=" + name + ", leader=" + isLeader() + ", term=" + term + "}";
    }
}
