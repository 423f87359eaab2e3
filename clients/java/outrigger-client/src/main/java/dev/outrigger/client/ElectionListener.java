package dev.outrigger.client;

/**
 * Told when a campaign wins and loses leadership. Calls come in order, granted then
 * revoked, on the client's event thread; exceptions are logged and ignored.
 */
public interface ElectionListener {

    /**
     * This campaign is now the leader.
     *
     * @param campaign the campaign
     * @param term the leadership's term: larger than any term before it
     */
    void onGranted(Campaign campaign, long term);

    /**
     * This campaign is no longer the leader: it yielded, was closed, or its session was lost.
     * Stop acting as leader at once.
     *
     * @param campaign the campaign
     * @param reason why
     */
    void onRevoked(Campaign campaign, String reason);

    /**
     * A campaign call failed; the campaign goes on with backoff.
     *
     * @param campaign the campaign
     * @param error the failure
     */
    default void onError(Campaign campaign, Exception error) {
    }
}
