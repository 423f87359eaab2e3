package dev.outrigger.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outrigger.client.Watch;
import dev.outrigger.client.WatchListener;
import dev.outrigger.client.errors.InternalException;
import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.errors.StatusCode;
import dev.outrigger.client.errors.UnavailableException;
import dev.outrigger.client.internal.wire.StatusWire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a newline-delimited JSON stream on its own daemon thread and keeps it open:
 * reconnects with backoff after any failure, closes a stream that stays silent longer
 * than the idle timeout (the sidecar sends progress lines), and lets the subclass resume
 * from the last revision it saw.
 */
public abstract class StreamLoop implements Watch {
    private static final System.Logger LOG = System.getLogger(StreamLoop.class.getName());

    private final Transport transport;
    private final WatchListener listener;
    private final Backoff backoff;
    private final Duration idleTimeout;
    private final Thread thread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final ScheduledFuture<?> watchdog;
    private final Runnable onClose;
    private volatile boolean closed;
    private volatile boolean inPlace;
    private volatile InputStream current;
    private volatile long lastLineNanos = System.nanoTime();

    /**
     * @param name the thread's name
     * @param transport the transport
     * @param listener the shared signals' listener
     * @param scheduler runs the idle watchdog
     * @param idleTimeout silence after which the stream is reopened
     * @param backoff reconnect backoff
     * @param onClose run once when the watch closes (the client forgets it)
     */
    protected StreamLoop(String name, Transport transport, WatchListener listener, ScheduledExecutorService scheduler,
            Duration idleTimeout, Backoff backoff, Runnable onClose) {
        this.transport = transport;
        this.listener = listener;
        this.backoff = backoff;
        this.idleTimeout = idleTimeout;
        this.onClose = onClose;
        this.thread = DaemonThreads.start(name, this::run, false);
        long period = Math.max(100, idleTimeout.toMillis() / 4);
        this.watchdog = scheduler.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts the reading thread; call once, after construction. */
    protected final void start() {
        thread.start();
    }

    /** @return the path and query to open now, resuming after the last revision seen */
    protected abstract String path();

    /**
     * Handles one line.
     *
     * @param line the parsed line, unwrapped, not an error line
     * @param json the mapper
     * @throws IOException when the line cannot be read as the stream's type
     */
    protected abstract void handle(JsonNode line, ObjectMapper json) throws IOException;

    /** Marks the watch in place. */
    protected final void markReady() {
        inPlace = true;
        ready.countDown();
    }

    @Override
    public boolean awaitReady(Duration timeout) {
        try {
            ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return inPlace;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return !closed && thread.isAlive();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.cancel(false);
        closeQuietly(current);
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(transport.defaultDeadline().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.run();
    }

    private void run() {
        while (!closed) {
            try {
                readOnce();
                if (!closed) {
                    throw new UnavailableException("the stream ended without an error line", null, true);
                }
            } catch (OutriggerException e) {
                if (closed) {
                    break;
                }
                if (isPermanent(e)) {
                    LOG.log(System.Logger.Level.ERROR, "watch stopped: " + e);
                    Listeners.call(() -> listener.onTerminated(e));
                    closed = true;
                    ready.countDown();
                    watchdog.cancel(false);
                    onClose.run();
                    break;
                }
                LOG.log(System.Logger.Level.DEBUG, "watch reconnects: " + e);
                Listeners.call(() -> listener.onError(e));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                OutriggerException err = e instanceof IOException
                        ? new UnavailableException("the stream broke: " + e, e, true)
                        : new InternalException("cannot read the stream: " + e, e);
                LOG.log(System.Logger.Level.DEBUG, "watch reconnects: " + err);
                Listeners.call(() -> listener.onError(err));
            } finally {
                closeQuietly(current);
                current = null;
            }
            sleep(backoff.nextDelayMillis());
        }
    }

    private void readOnce() throws IOException {
        InputStream in = transport.openStream(path(), transport.defaultDeadline());
        current = in;
        lastLineNanos = System.nanoTime();
        if (closed) {
            return;
        }
        ObjectMapper json = transport.json();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String text;
        while (!closed && (text = reader.readLine()) != null) {
            lastLineNanos = System.nanoTime();
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = json.readTree(text);
            JsonNode result = line.get("result");
            if (result != null && result.isObject() && line.size() == 1) {
                line = result;
            }
            JsonNode error = line.get("error");
            if (error != null && !error.isNull()) {
                throw Transport.streamError(json.treeToValue(error, StatusWire.class));
            }
            handle(line, json);
            backoff.reset();
        }
    }

    private void checkIdle() {
        InputStream in = current;
        if (in != null && System.nanoTime() - lastLineNanos > idleTimeout.toNanos()) {
            LOG.log(System.Logger.Level.DEBUG, "watch silent for " + idleTimeout.toMillis() + " ms: reconnecting");
            closeQuietly(in);
        }
    }

    private static boolean isPermanent(OutriggerException e) {
        return e.code() == StatusCode.INVALID_ARGUMENT || e.code() == StatusCode.UNAUTHENTICATED
                || e.code() == StatusCode.PERMISSION_DENIED || e.code() == StatusCode.UNIMPLEMENTED;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // closed: the loop condition ends the thread
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // already broken
            }
        }
    }
}
