package dev.outrigger.spring.lock;

import dev.outrigger.client.OutriggerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.integration.support.locks.ExpirableLockRegistry;

/**
 * A Spring Integration lock registry backed by Outrigger locks: exclusion across every
 * process that uses the same sidecar cluster, first come first served, each grant with a
 * fencing token. Locks it hands out are {@link FencedLock}s.
 * <pre>{@code
 * FencedLock lock = (FencedLock) registry.obtain("nightly-report");
 * lock.lock();
 * try { store.write(report, lock.fencingToken()); } finally { lock.unlock(); }
 * }</pre>
 */
public class OutriggerLockRegistry implements ExpirableLockRegistry {
    private final OutriggerClient client;
    private final String namePrefix;
    private final Map<String, OutriggerLock> locks = new ConcurrentHashMap<>();

    /**
     * @param client the client
     * @param namePrefix put before every lock key to form the Outrigger lock name
     */
    public OutriggerLockRegistry(OutriggerClient client, String namePrefix) {
        this.client = client;
        this.namePrefix = namePrefix == null ? "" : namePrefix;
    }

    /**
     * @param lockKey a String; the lock name is the prefix and this key, without {@code /}
     * @return the lock
     */
    @Override
    public FencedLock obtain(Object lockKey) {
        if (!(lockKey instanceof String)) {
            throw new IllegalArgumentException("Outrigger lock keys are Strings, not " + lockKey);
        }
        String name = namePrefix + lockKey;
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Outrigger lock names contain no '/': " + name);
        }
        return locks.computeIfAbsent(name, n -> new OutriggerLock(client, n));
    }

    /**
     * @param lockKey the lock key
     * @return the fencing token of the current grant of that lock
     * @throws IllegalStateException when this thread does not hold it
     */
    public long fencingToken(Object lockKey) {
        return obtain(lockKey).fencingToken();
    }

    /**
     * @param lockKey the lock key
     * @return the Outrigger grant this thread holds, for writes fenced with {@code ifLockHeld}
     * @throws IllegalStateException when this thread does not hold it
     */
    public dev.outrigger.client.Lock grant(Object lockKey) {
        OutriggerLock lock = (OutriggerLock) obtain(lockKey);
        lock.fencingToken();
        return lock.grant().orElseThrow(() -> new IllegalStateException("lock " + lockKey + " is not held"));
    }

    @Override
    public void expireUnusedOlderThan(long age) {
        long cutoff = System.currentTimeMillis() - age;
        locks.entrySet().removeIf(e -> e.getValue().isIdle() && e.getValue().lastUsedMillis() < cutoff);
    }
}
