package dev.outrigger.client.internal.wire;

/** Request and answer bodies of LockService, as on the wire. */
public final class LockWire {
    private LockWire() {
    }

    /** Body of {@code POST /v1/locks/{name}:acquire} (LockServiceAcquireBody). */
    public static final class AcquireBody {
        /** The session that will hold the lock. */
        public Long sessionId;
        /** TTL of a new session, or null. */
        public Integer ttlSeconds;
        /** How long to wait in line; 0 tries once. */
        public double waitSeconds;
    }

    /** Answer of an acquire (AcquireLockResponse). */
    public static final class AcquireAnswer {
        /** Whether the lock was granted. */
        public boolean acquired;
        /** The grant's fencing token; 0 when not acquired. */
        public long fencingToken;
        /** The holding session. */
        public long sessionId;
        /** The etcd key of the grant. */
        public String key;
    }

    /** Body of {@code POST /v1/locks/{name}:release} (LockServiceReleaseBody). */
    public static final class ReleaseBody {
        /** The holding session. */
        public long sessionId;
    }

    /** Answer of a release (ReleaseLockResponse). */
    public static final class ReleaseAnswer {
        /** Whether the lock was held (or queued for) by the session. */
        public boolean released;
    }
}
