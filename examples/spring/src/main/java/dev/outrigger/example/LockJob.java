package dev.outrigger.example;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.PutOptions;
import dev.outrigger.spring.lock.FencedLock;
import dev.outrigger.spring.lock.OutriggerLockRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled job that every instance runs, one at a time: it takes the lock
 * {@code demo-report} from the LockRegistry and writes {@code demo/report/last-run}
 * fenced by the lock's token, so a holder that lost the lock cannot overwrite it.
 */
@Component
public class LockJob {
    private static final Logger LOG = LoggerFactory.getLogger(LockJob.class);
    private static final String LOCK = "demo-report";

    private final LockRegistry locks;
    private final OutriggerClient outrigger;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong lastToken = new AtomicLong();

    public LockJob(LockRegistry locks, OutriggerClient outrigger) {
        this.locks = locks;
        this.outrigger = outrigger;
    }

    @Scheduled(fixedDelayString = "${demo.lock-job-interval:7s}")
    public void run() throws InterruptedException {
        FencedLock lock = (FencedLock) locks.obtain(LOCK);
        if (!lock.tryLock(2, TimeUnit.SECONDS)) {
            LOG.info("lock {} is busy; skipping this run", LOCK);
            return;
        }
        try {
            long token = lock.fencingToken();
            outrigger.config().put("demo/report/last-run", Instant.now() + " token " + token,
                    PutOptions.none().ifLockHeld(((OutriggerLockRegistry) locks).grant(LOCK)));
            lastToken.set(token);
            LOG.info("lock job run #{} holds {} with fencing token {}", runs.incrementAndGet(), LOCK, token);
        } finally {
            lock.unlock();
        }
    }

    public long runs() {
        return runs.get();
    }

    public long lastFencingToken() {
        return lastToken.get();
    }
}
