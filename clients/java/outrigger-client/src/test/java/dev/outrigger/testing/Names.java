package dev.outrigger.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Names no other test uses, so tests can share one sidecar. */
public final class Names {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private Names() {
    }

    /**
     * @param base a readable start
     * @return a name unique in this run
     */
    public static String unique(String base) {
        return base + "-" + RUN + "-" + COUNT.incrementAndGet();
    }
}
