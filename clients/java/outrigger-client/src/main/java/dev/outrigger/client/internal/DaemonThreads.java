package dev.outrigger.client.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the client's threads and makes every one of them a daemon. */
public final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** @param prefix the start of each thread's name */
    public DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return start(prefix + "-" + count.incrementAndGet(), task, false);
    }

    /**
     * @param name the thread's name
     * @param task what it runs
     * @param start whether to start it now
     * @return a daemon thread
     */
    public static Thread start(String name, Runnable task, boolean start) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        if (start) {
            t.start();
        }
        return t;
    }
}
