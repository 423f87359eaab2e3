package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.WatchListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A watch whose lines are event batches, progress lines and resyncs (config and registry
 * watches): resumes after the last revision it delivered, so nothing is missed and
 * nothing repeats.
 *
 * @param <L> the line type
 */
public abstract class RevisionWatch<L extends RevisionWatch.Line> extends StreamLoop {
    private final Class<L> lineType;
    private final WatchListener listener;
    private final RevisionCursor cursor;

    /** What a watch line carries, whatever its events are. */
    public interface Line {
        /** @return the revision of an event batch */
        long revision();

        /** @return the events of a batch (empty on signals) */
        List<?> events();

        /** @return the progress revision, or null when this is not a progress line */
        Long progressRevision();

        /** @return the resync's revision, or null when this is not a resync */
        Long resyncRevision();
    }

    /**
     * @param name the thread's name
     * @param lineType the line type
     * @param transport the transport
     * @param scheduler runs the idle watchdog
     * @param idleTimeout silence after which the stream is reopened
     * @param backoff reconnect backoff
     * @param startRevision the first revision to deliver, 0 for after the current one
     * @param listener the listener
     * @param onClose run once when the watch closes
     */
    protected RevisionWatch(String name, Class<L> lineType, Transport transport, ScheduledExecutorService scheduler,
            Duration idleTimeout, Backoff backoff, long startRevision, WatchListener listener, Runnable onClose) {
        super(name, transport, listener, scheduler, idleTimeout, backoff, onClose);
        this.lineType = lineType;
        this.listener = listener;
        this.cursor = new RevisionCursor(startRevision);
    }

    /**
     * @param startRevision where to resume, or null for "after the current revision"
     * @return the path and query of the stream
     */
    protected abstract String path(Long startRevision);

    /** @param line a resync line: hand its state to the listener */
    protected abstract void deliverResync(L line);

    /** @param line an event batch: hand its events to the listener */
    protected abstract void deliverEvents(L line);

    @Override
    protected final String path() {
        return path(cursor.nextStart());
    }

    @Override
    protected final void handle(JsonNode node, ObjectMapper json) throws IOException {
        L line = json.treeToValue(node, lineType);
        if (line.resyncRevision() != null) {
            cursor.seen(line.resyncRevision());
            Listeners.call(() -> deliverResync(line));
        } else if (line.progressRevision() != null) {
            long revision = line.progressRevision();
            cursor.seen(revision);
            Listeners.call(() -> listener.onProgress(revision));
        } else if (line.events() != null && !line.events().isEmpty() && cursor.isNew(line.revision())) {
            cursor.seen(line.revision());
            Listeners.call(() -> deliverEvents(line));
        }
        markReady();
    }

    @Override
    public final long lastRevision() {
        return cursor.last();
    }
}
