package dev.outrigger.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect backoff with jitter, between a floor and a ceiling. */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    /**
     * @param min the first delay
     * @param max the largest delay
     */
    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.nextMillis = minMillis;
    }

    /** @return the delay before the next attempt, growing after each call */
    public synchronized long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long jitter = base / 4 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 4);
        return Math.min(maxMillis, base - base / 8 + jitter);
    }

    /** Starts again from the first delay, after a success. */
    public synchronized void reset() {
        nextMillis = minMillis;
    }
}
