package dev.outrigger.client.internal.wire;

import dev.outrigger.client.model.HealthCheck;
import dev.outrigger.client.model.InstanceEvent;
import dev.outrigger.client.model.InstanceList;
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

    /** One line of an instance watch stream (WatchInstancesResponse); a resync is an {@link InstanceList}. */
    public static final class WatchLine extends dev.outrigger.client.internal.wire.WatchLine<InstanceEvent, InstanceList> {
        @Override
        protected long revisionOf(InstanceList state) {
            return state.getRevision();
        }
    }
}
