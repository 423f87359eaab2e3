package dev.outrigger.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What a client has open (watches, kept sessions, locks, campaigns), closed with it. */
final class Resources {
    private static final System.Logger LOG = System.getLogger(Resources.class.getName());

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            throw new IllegalStateException("the Outrigger client is closed");
        }
        open.add(resource);
        return resource;
    }

    void remove(AutoCloseable resource) {
        open.remove(resource);
    }

    /** Closes everything still open, campaigns and locks before the sessions under them. */
    void closeAll() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(open);
        all.sort((a, b) -> Boolean.compare(a instanceof KeptSession, b instanceof KeptSession));
        for (AutoCloseable r : all) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + r + " failed: " + e);
            }
        }
        open.clear();
    }
}
