package dev.outrigger.client;

/** Told once, at once, when a kept session is lost. */
@FunctionalInterface
public interface SessionLossListener {

    /**
     * @param session the session that was lost
     * @param reason why: the keep-alive answered 404, or no keep-alive succeeded within the TTL
     */
    void onLost(KeptSession session, String reason);
}
