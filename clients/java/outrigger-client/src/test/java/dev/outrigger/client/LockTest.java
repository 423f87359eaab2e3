package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.errors.CancelledException;
import dev.outrigger.client.errors.ConflictException;
import dev.outrigger.client.errors.LockNotAcquiredException;
import dev.outrigger.client.model.LockHolder;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LockTest {
    @RegisterExtension
    static final SharedClient ALICE = new SharedClient(b -> b.sessionTtl(Duration.ofSeconds(4)));

    @RegisterExtension
    static final SharedClient BOB = new SharedClient(b -> b.sessionTtl(Duration.ofSeconds(4)));

    @Test
    void anInterruptEndsAWaitingAcquireAndLeavesTheLine() throws Exception {
        String name = Names.unique("lock");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                BOB.get().locks().acquire(name, Duration.ofSeconds(30));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.setDaemon(true);
        try (Lock held = ALICE.get().locks().acquire(name, Duration.ofSeconds(5))) {
            waiter.start();
            Thread.sleep(500); // bob waits in line behind alice
            assertTrue(waiter.isAlive(), "bob must be waiting");
            waiter.interrupt();
            waiter.join(5000);
            assertFalse(waiter.isAlive(), "an interrupt ends the wait at once");
        }
        assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(stillInterrupted.get(), "the interrupt flag stays set");
        // bob left the line: once alice released, no one holds the lock (a cancelled waiter
        // that kept its place would hold it for good)
        Eventually.await("no one holds the lock after the cancelled wait", Duration.ofSeconds(10),
                () -> ALICE.get().locks().holder(name).isEmpty());
        // and bob's client still works
        try (Lock mine = BOB.get().locks().acquire(name, Duration.ofSeconds(5))) {
            assertTrue(mine.isHeld());
        }
    }

    @Test
    void excludesAcrossClientsWithGrowingFencingTokens() throws Exception {
        String name = Names.unique("lock");
        Lock first = ALICE.get().locks().acquire(name, Duration.ofSeconds(5));
        assertTrue(first.isHeld());
        assertTrue(first.fencingToken() > 0);
        LockHolder holder = BOB.get().locks().holder(name).orElseThrow();
        assertEquals(first.sessionId(), holder.getSessionId());
        assertEquals(first.fencingToken(), holder.getFencingToken());

        assertTrue(BOB.get().locks().tryAcquire(name).isEmpty(), "held by alice");
        assertThrows(LockNotAcquiredException.class, () -> BOB.get().locks().acquire(name, Duration.ofMillis(300)));

        CompletableFuture<Lock> waiting = CompletableFuture.supplyAsync(
                () -> BOB.get().locks().acquire(name, Duration.ofSeconds(20)));
        // bob waits in line past alice's session TTL: his own session is kept alive meanwhile
        Thread.sleep(4500);
        assertFalse(waiting.isDone(), "bob must wait while alice holds the lock");
        assertTrue(first.isHeld(), "alice's session is kept alive");
        first.close();
        assertFalse(first.isHeld());

        Lock second = waiting.get(20, TimeUnit.SECONDS);
        assertTrue(second.isHeld());
        assertTrue(second.fencingToken() > first.fencingToken(), "fencing tokens grow with every grant");
        second.close();
        assertTrue(ALICE.get().locks().holder(name).isEmpty());

        try (Lock third = ALICE.get().locks().acquire(name, Duration.ZERO)) {
            assertTrue(third.fencingToken() > second.fencingToken());
        }
    }

    @Test
    void fencedWritesHoldOnlyWhileTheGrantDoes() {
        String name = Names.unique("fence");
        String key = Names.unique("fenced-key");
        Lock lock = ALICE.get().locks().acquire(name, Duration.ofSeconds(5));
        ALICE.get().config().put(key, "by the holder", PutOptions.none().ifLockHeld(lock));
        lock.close();
        assertThrows(ConflictException.class,
                () -> ALICE.get().config().put(key, "too late", PutOptions.none().ifLockHeld(lock)));
        assertEquals("by the holder", ALICE.get().config().get(key).orElseThrow().getValue());
    }

    @Test
    void tellsTheHolderAtOnceWhenItsSessionIsDeleted() throws Exception {
        String name = Names.unique("lost");
        Lock lock = ALICE.get().locks().acquire(name, Duration.ofSeconds(5));
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<String> reason = new AtomicReference<>();
        lock.onLost((l, why) -> {
            reason.set(why);
            told.countDown();
        });
        assertTrue(BOB.get().sessions().delete(lock.sessionId()), "an operator ends the session");
        assertTrue(told.await(10, TimeUnit.SECONDS), "the holder is told");
        assertTrue(reason.get().contains("404"), reason.get());
        assertFalse(lock.isHeld());
        try (Lock next = BOB.get().locks().acquire(name, Duration.ofSeconds(5))) {
            assertTrue(next.fencingToken() > lock.fencingToken());
        }
        CountDownLatch late = new CountDownLatch(1);
        lock.onLost((l, why) -> late.countDown());
        assertTrue(late.await(5, TimeUnit.SECONDS), "a listener added after the loss is told too");
    }

    @Test
    void tellsTheHolderWhenTheSidecarStopsAnswering() throws Exception {
        try (Sidecar own = Sidecar.start();
                OutriggerClient c = OutriggerClient.builder().endpoint(own.endpoint())
                        .sessionTtl(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(1)).build()) {
            Lock lock = c.locks().acquire("frozen", Duration.ZERO);
            CountDownLatch told = new CountDownLatch(1);
            AtomicReference<String> reason = new AtomicReference<>();
            lock.onLost((l, why) -> {
                reason.set(why);
                told.countDown();
            });
            own.freeze(true);
            try {
                assertTrue(told.await(15, TimeUnit.SECONDS), "no keep-alive for longer than the TTL");
                assertTrue(reason.get().contains("TTL"), reason.get());
                assertFalse(lock.isHeld());
            } finally {
                own.freeze(false);
            }
            AtomicReference<RuntimeException> last = new AtomicReference<>();
            Eventually.await("the sidecar answers again (last error: " + last + ")", () -> {
                try {
                    c.cluster().status();
                    return true;
                } catch (RuntimeException e) {
                    last.set(e);
                    System.err.println("after thaw: " + e);
                    return false;
                }
            });
        }
    }
}
