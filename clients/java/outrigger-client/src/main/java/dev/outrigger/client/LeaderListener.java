package dev.outrigger.client;

import dev.outrigger.client.model.Leader;
import java.util.Optional;

/** Receives every change of an election's leader (or of its value). */
@FunctionalInterface
public interface LeaderListener extends WatchListener {

    /**
     * @param leader the leader now, empty when there is none
     * @param revision the revision of that state
     */
    void onLeader(Optional<Leader> leader, long revision);
}
