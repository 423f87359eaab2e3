package dev.outrigger.client.internal;

/**
 * Where a stream stands: the last revision delivered, and where to resume
 * (last + 1, or the caller's start revision before anything was delivered).
 */
public final class RevisionCursor {
    private final long startRevision;
    private volatile long last;

    /** @param startRevision the first revision to deliver, 0 for after the current one */
    public RevisionCursor(long startRevision) {
        this.startRevision = startRevision;
    }

    /** @return the start revision to ask for now, or null for "after the current one" */
    public Long nextStart() {
        long l = last;
        if (l > 0) {
            return l + 1;
        }
        return startRevision > 0 ? startRevision : null;
    }

    /** @param revision a revision every change up to which has been delivered */
    public synchronized void seen(long revision) {
        if (revision > last) {
            last = revision;
        }
    }

    /**
     * @param revision an event batch's revision
     * @return whether it is after everything delivered so far
     */
    public boolean isNew(long revision) {
        return revision > last;
    }

    /** @return the last revision delivered, 0 before the first */
    public long last() {
        return last;
    }
}
