package dev.outrigger.spring.health;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.model.ClusterStatus;
import dev.outrigger.client.model.Member;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** UP when the sidecar answers and its cluster has a leader; details name the member and revision. */
public class OutriggerHealthIndicator extends AbstractHealthIndicator {
    private final OutriggerClient client;

    /** @param client the client */
    public OutriggerHealthIndicator(OutriggerClient client) {
        super("Outrigger sidecar health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClusterStatus status = client.cluster().status();
        boolean hasLeader = status.getMembers().stream().anyMatch(Member::isLeader);
        (hasLeader ? builder.up() : builder.down())
                .withDetail("endpoint", client.endpoint().toString())
                .withDetail("name", status.getName())
                .withDetail("role", status.getRole())
                .withDetail("members", status.getMembers().size())
                .withDetail("revision", status.getRevision())
                .withDetail("version", status.getVersion());
    }
}
