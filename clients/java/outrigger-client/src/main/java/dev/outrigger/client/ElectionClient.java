package dev.outrigger.client;

import dev.outrigger.client.errors.NotFoundException;
import dev.outrigger.client.internal.Backoff;
import dev.outrigger.client.internal.LeaderObservation;
import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.model.Leader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Leader elections: one leader per name among the campaigning sessions. */
public final class ElectionClient {
    private final Transport transport;
    private final SessionClient sessions;
    private final Duration sessionTtl;
    private final Executor notifier;
    private final Streams streams;
    private final Resources resources;

    ElectionClient(Transport transport, SessionClient sessions, Duration sessionTtl, Executor notifier,
            Streams streams, Resources resources) {
        this.transport = transport;
        this.sessions = sessions;
        this.sessionTtl = sessionTtl;
        this.notifier = notifier;
        this.streams = streams;
        this.resources = resources;
    }

    /**
     * Campaigns for leadership in the background, until closed.
     *
     * @param name the election
     * @param value the value announced while leader (e.g. this instance's address)
     * @param listener told of every grant and revocation
     * @return the campaign; close it to resign and stop
     */
    public Campaign campaign(String name, String value, ElectionListener listener) {
        Campaign[] self = new Campaign[1];
        Campaign campaign = new Campaign(name, value, listener, transport, sessions, sessionTtl, notifier,
                streams.backoff(), () -> resources.remove(self[0]));
        self[0] = campaign;
        resources.add(campaign);
        campaign.start();
        return campaign;
    }

    /**
     * @param name the election
     * @return the current leader, or empty when there is none
     */
    public Optional<Leader> leader(String name) {
        try {
            return Optional.of(transport.call("GET", "/v1/elections/" + UrlPaths.segment(name) + "/leader", null,
                    Leader.class));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Observes every change of leader (or of its value), starting with the current one.
     *
     * @param name the election
     * @param listener told of each leader
     * @return the observation; close it to stop
     */
    public Watch observe(String name, LeaderListener listener) {
        return streams.open(onClose -> new LeaderObservation(transport, streams.scheduler(), streams.idleTimeout(),
                streams.backoff(), name, listener, onClose));
    }

    Backoff backoff() {
        return streams.backoff();
    }
}
