package dev.outrigger.client.internal.wire;

/** Request and answer bodies of SessionService, as on the wire. */
public final class SessionWire {
    private SessionWire() {
    }

    /** Body of {@code POST /v1/sessions} (CreateSessionRequest). */
    public static final class CreateBody {
        /** The TTL in seconds. */
        public int ttlSeconds;
    }

    /** Answer of a keep-alive (KeepAliveSessionResponse). */
    public static final class KeepAliveAnswer {
        /** The TTL in seconds. */
        public int ttlSeconds;
    }

    /** Answer of a delete (DeleteSessionResponse). */
    public static final class DeleteAnswer {
        /** Whether the session existed. */
        public boolean deleted;
    }
}
