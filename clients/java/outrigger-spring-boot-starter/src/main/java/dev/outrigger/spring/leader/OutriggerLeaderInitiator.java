package dev.outrigger.spring.leader;

import dev.outrigger.client.Campaign;
import dev.outrigger.client.ElectionListener;
import dev.outrigger.client.OutriggerClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * Runs a Spring Integration {@link Candidate} for leadership of its role (the Outrigger
 * election name) while the context runs: calls {@code onGranted}/{@code onRevoked} and
 * publishes {@code OnGrantedEvent}/{@code OnRevokedEvent}. Leadership ends at once when its
 * session is lost (the candidate is revoked first) and is given up on shutdown.
 */
public class OutriggerLeaderInitiator implements SmartLifecycle {
    private static final Log LOG = LogFactory.getLog(OutriggerLeaderInitiator.class);

    private final OutriggerClient client;
    private final Candidate candidate;
    private final LeaderEventPublisher publisher;
    private volatile Campaign campaign;
    private final Context context = new Context() {
        @Override
        public boolean isLeader() {
            Campaign c = campaign;
            return c != null && c.isLeader();
        }

        @Override
        public void yield() {
            Campaign c = campaign;
            if (c != null) {
                c.yieldLeadership();
            }
        }

        @Override
        public String getRole() {
            return candidate.getRole();
        }

        @Override
        public String toString() {
            return "OutriggerLeaderContext{role=" + getRole() + ", leader=" + isLeader() + "}";
        }
    };

    /**
     * @param client the client
     * @param candidate the candidate
     * @param publisher publishes the leader events (may be null)
     */
    public OutriggerLeaderInitiator(OutriggerClient client, Candidate candidate, LeaderEventPublisher publisher) {
        this.client = client;
        this.candidate = candidate;
        this.publisher = publisher;
    }

    /** @return the candidate's leadership context */
    public Context getContext() {
        return context;
    }

    /** @return the candidate */
    public Candidate getCandidate() {
        return candidate;
    }

    @Override
    public synchronized void start() {
        if (campaign != null) {
            return;
        }
        campaign = client.elections().campaign(candidate.getRole(), candidate.getId(), new ElectionListener() {
            @Override
            public void onGranted(Campaign c, long term) {
                LOG.info("leadership of " + candidate.getRole() + " granted to " + candidate.getId() + " (term "
                        + term + ")");
                try {
                    candidate.onGranted(context);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (publisher != null) {
                    publisher.publishOnGranted(OutriggerLeaderInitiator.this, context, candidate.getRole());
                }
            }

            @Override
            public void onRevoked(Campaign c, String reason) {
                LOG.info("leadership of " + candidate.getRole() + " revoked from " + candidate.getId() + ": "
                        + reason);
                candidate.onRevoked(context);
                if (publisher != null) {
                    publisher.publishOnRevoked(OutriggerLeaderInitiator.this, context, candidate.getRole());
                }
            }

            @Override
            public void onError(Campaign c, Exception error) {
                LOG.warn("campaign for " + candidate.getRole() + " failed, retrying: " + error);
                if (publisher != null) {
                    publisher.publishOnFailedToAcquire(OutriggerLeaderInitiator.this, context, candidate.getRole());
                }
            }
        });
    }

    @Override
    public synchronized void stop() {
        Campaign c = campaign;
        campaign = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public boolean isRunning() {
        return campaign != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
