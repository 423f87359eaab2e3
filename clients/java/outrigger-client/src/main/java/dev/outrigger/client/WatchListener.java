package dev.outrigger.client;

import dev.outrigger.client.errors.OutriggerException;

/**
 * The signals every stream shares. Exceptions thrown by a listener are logged and do not
 * stop the watch.
 */
public interface WatchListener {

    /**
     * Every change up to this revision has been delivered.
     *
     * @param revision the progress revision
     */
    default void onProgress(long revision) {
    }

    /**
     * The stream broke; the watch reconnects by itself with backoff and resumes where it
     * left off.
     *
     * @param error why it broke
     */
    default void onError(OutriggerException error) {
    }

    /**
     * The watch stopped for good on an error a retry cannot fix (bad input, wrong token).
     *
     * @param error why it stopped
     */
    default void onTerminated(OutriggerException error) {
    }
}
