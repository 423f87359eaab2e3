package dev.outrigger.client;

import java.time.Duration;

/**
 * A running watch or observation. It reconnects by itself after any disconnect or sidecar
 * restart and resumes at the revision after the last one it delivered, so nothing is
 * missed and nothing repeats; it stops only when closed (or, loudly, on an error that a
 * retry cannot fix, see {@link WatchListener#onTerminated}).
 */
public interface Watch extends AutoCloseable {

    /**
     * Waits until the watch is in place: the sidecar sent its first line.
     *
     * @param timeout how long to wait
     * @return whether the watch is in place
     */
    boolean awaitReady(Duration timeout);

    /** @return the last revision delivered (events, progress or resync), 0 before the first */
    long lastRevision();

    /** @return whether the watch still runs */
    boolean isRunning();

    /** Stops the watch and its thread. */
    @Override
    void close();
}
