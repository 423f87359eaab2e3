package dev.outrigger.client.internal.wire;

import dev.outrigger.client.model.HealthCheck;
import dev.outrigger.client.model.InstanceEvent;
import dev.outrigger.client.model.InstancesResync;
import java.util.List;
import java.util.Map;

/** Request bodies, answers and stream lines of RegistryService, as on the wire. */
public final class RegistryWire {
    private RegistryWire() {
    }

    /** Body of {@code PUT /v1/services/{service}/instances/{id}} (RegistryServiceRegisterBody). */
    public static final class RegisterBody {
        /** The address. */
        public String address;
        /** The port. */
        public int port;
        /** The metadata. */
        public Map<String, String> metadata;
        /** The session to bind to, or null. */
        public Long sessionId;
        /** The TTL of a new session, or null. */
        public Integer ttlSeconds;
        /** The health check, or null. */
        public HealthCheck healthCheck;
    }

    /** Answer of a deregistration (DeregisterInstanceResponse). */
    public static final class DeregisterAnswer {
        /** Whether the instance existed. */
        public boolean deregistered;
    }

    /** One line of an instance watch stream (WatchInstancesResponse). */
    public static final class WatchLine implements dev.outrigger.client.internal.RevisionWatch.Line {
        /** The revision of an event batch. */
        public long revision;
        /** The events of a batch. */
        public List<InstanceEvent> events;
        /** Set on a progress line. */
        public Long progressRevision;
        /** Set on a resync line. */
        public InstancesResync resync;

        @Override
        public long revision() {
            return revision;
        }

        @Override
        public List<?> events() {
            return events;
        }

        @Override
        public Long progressRevision() {
            return progressRevision;
        }

        @Override
        public Long resyncRevision() {
            return resync == null ? null : resync.getRevision();
        }
    }
}
