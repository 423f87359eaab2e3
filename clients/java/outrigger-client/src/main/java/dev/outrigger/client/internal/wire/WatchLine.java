package dev.outrigger.client.internal.wire;

import dev.outrigger.client.internal.RevisionWatch;
import java.util.List;

/**
 * One line of a config or registry watch stream: an event batch (revision and events), or
 * a signal (progressRevision or resync) carrying nothing else.
 *
 * @param <E> the event type
 * @param <R> the resync type
 */
public abstract class WatchLine<E, R> implements RevisionWatch.Line {
    /** The revision of an event batch. */
    public long revision;
    /** The events of a batch. */
    public List<E> events;
    /** Set on a progress line. */
    public Long progressRevision;
    /** Set on a resync line. */
    public R resync;

    /**
     * @param state a resync's state
     * @return its revision
     */
    protected abstract long revisionOf(R state);

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
        return resync == null ? null : revisionOf(resync);
    }
}
