package dev.outrigger.client;

import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.model.ClusterStatus;

/** The etcd cluster as the sidecar sees it. */
public final class ClusterClient {
    private final Transport transport;

    ClusterClient(Transport transport) {
        this.transport = transport;
    }

    /** @return the members and this sidecar's place among them */
    public ClusterStatus status() {
        return transport.call("GET", "/v1/cluster", null, ClusterStatus.class);
    }
}
