package dev.outrigger.spring.lock;

import dev.outrigger.client.Lock;
import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.errors.CancelledException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One named lock: a local {@link ReentrantLock} (reentrancy and exclusion inside this JVM)
 * in front of an Outrigger grant (exclusion across processes). The grant is taken by the
 * first hold and released by the last unlock.
 */
final class OutriggerLock implements FencedLock {
    private static final Duration WAIT_CHUNK = Duration.ofSeconds(30);

    private final OutriggerClient client;
    private final String name;
    private final ReentrantLock local = new ReentrantLock();
    private volatile Lock grant;
    private volatile long lastUsedMillis = System.currentTimeMillis();

    OutriggerLock(OutriggerClient client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    public void lock() {
        local.lock();
        if (local.getHoldCount() > 1) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Optional<Lock> g = client.locks().tryAcquire(name, WAIT_CHUNK);
                    if (g.isPresent()) {
                        grant = g.get();
                        return;
                    }
                } catch (CancelledException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        } finally {
            touch();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        local.lockInterruptibly();
        if (local.getHoldCount() > 1) {
            return;
        }
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Optional<Lock> g = client.locks().tryAcquire(name, WAIT_CHUNK);
                if (g.isPresent()) {
                    grant = g.get();
                    return;
                }
            }
        } catch (CancelledException e) {
            local.unlock();
            Thread.interrupted();
            throw new InterruptedException("interrupted while waiting for lock " + name);
        } catch (InterruptedException | RuntimeException | Error e) {
            local.unlock();
            throw e;
        } finally {
            touch();
        }
    }

    @Override
    public boolean tryLock() {
        try {
            return tryLock(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(time);
        if (!local.tryLock(time, unit)) {
            return false;
        }
        if (local.getHoldCount() > 1) {
            return true;
        }
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            Optional<Lock> g = client.locks().tryAcquire(name, Duration.ofNanos(left));
            if (g.isEmpty()) {
                local.unlock();
                return false;
            }
            grant = g.get();
            return true;
        } catch (CancelledException e) {
            local.unlock();
            Thread.interrupted();
            throw new InterruptedException("interrupted while waiting for lock " + name);
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        } finally {
            touch();
        }
    }

    /**
     * Releases the hold; the last one releases the grant.
     *
     * @throws IllegalStateException when the grant had been lost while held (the lock is
     *     released locally all the same)
     */
    @Override
    public void unlock() {
        if (!local.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("lock " + name + " is not held by this thread");
        }
        if (local.getHoldCount() > 1) {
            local.unlock();
            return;
        }
        Lock g = grant;
        grant = null;
        boolean lost = g != null && !g.isHeld();
        try {
            if (g != null) {
                g.close();
            }
        } finally {
            local.unlock();
            touch();
        }
        if (lost) {
            throw new IllegalStateException("lock " + name + " was lost while held (its session ended)");
        }
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("conditions are not supported by distributed locks");
    }

    @Override
    public long fencingToken() {
        Lock g = grant;
        if (g == null || !local.isHeldByCurrentThread()) {
            throw new IllegalStateException("lock " + name + " is not held by this thread");
        }
        return g.fencingToken();
    }

    @Override
    public boolean isHeld() {
        Lock g = grant;
        return g != null && g.isHeld();
    }

    /** @return the Outrigger grant while held, for fenced config writes */
    Optional<Lock> grant() {
        return Optional.ofNullable(grant);
    }

    boolean isIdle() {
        return !local.isLocked();
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    private void touch() {
        lastUsedMillis = System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "OutriggerLock{" + name + (isHeld() ? ", held, token " + grant.fencingToken() : "") + "}";
    }
}
