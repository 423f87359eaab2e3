package dev.outrigger.example;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled job that runs on one instance only: the leader of {@code outrigger.leader.role}.
 * Leadership comes and goes with Spring Integration's OnGrantedEvent and OnRevokedEvent.
 */
@Component
public class LeaderJob {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderJob.class);

    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();

    @EventListener
    public void onGranted(OnGrantedEvent event) {
        leader.set(true);
        LOG.info("this instance is now the leader of {}", event.getRole());
    }

    @EventListener
    public void onRevoked(OnRevokedEvent event) {
        leader.set(false);
        LOG.info("this instance is no longer the leader of {}", event.getRole());
    }

    @Scheduled(fixedDelayString = "${demo.leader-job-interval:5s}")
    public void run() {
        if (!leader.get()) {
            return;
        }
        LOG.info("leader job run #{}", runs.incrementAndGet());
    }

    public boolean isLeader() {
        return leader.get();
    }

    public long runs() {
        return runs.get();
    }
}
