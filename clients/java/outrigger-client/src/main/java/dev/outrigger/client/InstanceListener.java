package dev.outrigger.client;

import dev.outrigger.client.model.Instance;
import dev.outrigger.client.model.InstanceEvent;
import java.util.List;

/** Receives the changes of a registry watch, in revision order, on the watch's thread. */
@FunctionalInterface
public interface InstanceListener extends WatchListener {

    /**
     * The instance changes of one revision.
     *
     * @param revision the revision
     * @param events its changes
     */
    void onEvents(long revision, List<InstanceEvent> events);

    /**
     * The watch's start revision had been compacted: these are all instances now.
     *
     * @param revision the revision of the state
     * @param instances every instance of the service
     */
    default void onResync(long revision, List<Instance> instances) {
    }
}
