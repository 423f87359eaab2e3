package dev.outrigger.client;

import dev.outrigger.client.errors.NotFoundException;
import dev.outrigger.client.errors.OutriggerException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps sessions alive: a keep-alive every {@code ttl/3}, a loss check when the TTL since
 * the last good keep-alive runs out. Keep-alives are the one call the client repeats: a
 * keep-alive changes nothing but the session's expiry.
 */
final class SessionKeeper {
    private static final System.Logger LOG = System.getLogger(SessionKeeper.class.getName());

    private final SessionClient sessions;
    private final ScheduledExecutorService scheduler;
    private final Executor notifier;
    private final Resources resources;

    SessionKeeper(SessionClient sessions, ScheduledExecutorService scheduler, Executor notifier, Resources resources) {
        this.resources = resources;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.notifier = notifier;
    }

    KeptSession keep(long id, Duration ttl) {
        KeptSession[] self = new KeptSession[1];
        KeptSession kept = new KeptSession(id, ttl, notifier, sessions::delete, () -> resources.remove(self[0]));
        self[0] = kept;
        resources.add(kept);
        long period = Math.max(100, ttl.toMillis() / 3);
        schedule(kept, period);
        scheduleExpiryCheck(kept);
        return kept;
    }

    private void schedule(KeptSession kept, long delayMillis) {
        if (!kept.isAlive() || scheduler.isShutdown()) {
            return;
        }
        try {
            scheduler.schedule(() -> tick(kept), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the client is closing
        }
    }

    private void scheduleExpiryCheck(KeptSession kept) {
        try {
            scheduler.schedule(() -> {
                if (kept.isAlive() && kept.overdue()) {
                    kept.lose("no successful keep-alive for longer than the TTL of " + kept.ttl().toMillis() + " ms");
                }
            }, kept.ttl().toMillis() + 20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the client is closing
        }
    }

    private void tick(KeptSession kept) {
        if (!kept.isAlive()) {
            return;
        }
        if (kept.overdue()) {
            kept.lose("no successful keep-alive for longer than the TTL of " + kept.ttl().toMillis() + " ms");
            return;
        }
        long period = Math.max(100, kept.ttl().toMillis() / 3);
        try {
            sessions.keepAlive(kept.id(), Duration.ofMillis(Math.max(200, period)));
            if (!kept.isAlive()) {
                return;
            }
            kept.keptAlive();
            scheduleExpiryCheck(kept);
            schedule(kept, period);
        } catch (NotFoundException e) {
            kept.lose("the session expired or was deleted (keep-alive answered 404)");
        } catch (OutriggerException e) {
            LOG.log(System.Logger.Level.DEBUG, "keep-alive of session " + kept.id() + " failed: " + e);
            schedule(kept, Math.max(50, period / 3));
        }
    }
}
