package dev.outrigger.spring.leader;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.spring.OutriggerAutoConfiguration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * Leader election for Spring Integration, when spring-integration-core is present: the
 * application's {@link Candidate} bean, or with {@code outrigger.leader.role=NAME} a
 * {@link DefaultCandidate} of that role, campaigns while the context runs; listen for
 * {@code OnGrantedEvent}/{@code OnRevokedEvent}. Off with {@code outrigger.leader.enabled=false}.
 */
@AutoConfiguration(after = OutriggerAutoConfiguration.class)
@ConditionalOnClass(Candidate.class)
@ConditionalOnBean(OutriggerClient.class)
@ConditionalOnProperty(prefix = "outrigger.leader", name = "enabled", matchIfMissing = true)
public class OutriggerLeaderAutoConfiguration {

    /**
     * @param publisher the application's event publisher
     * @return the leader event publisher
     */
    @Bean
    @ConditionalOnMissingBean
    public LeaderEventPublisher leaderEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultLeaderEventPublisher(publisher);
    }

    /**
     * @param environment for the role and id
     * @return a candidate for {@code outrigger.leader.role}
     */
    @Bean
    @ConditionalOnMissingBean(Candidate.class)
    @ConditionalOnProperty(prefix = "outrigger.leader", name = "role")
    public DefaultCandidate outriggerLeaderCandidate(Environment environment) {
        String id = environment.getProperty("outrigger.leader.id",
                environment.getProperty("spring.application.name", "app") + "-" + UUID.randomUUID());
        return new DefaultCandidate(id, environment.getProperty("outrigger.leader.role"));
    }

    /**
     * @param client the client
     * @param candidate the candidate
     * @param publisher publishes the leader events
     * @return the initiator
     */
    @Bean
    @ConditionalOnBean(Candidate.class)
    @ConditionalOnMissingBean
    public OutriggerLeaderInitiator outriggerLeaderInitiator(OutriggerClient client, Candidate candidate,
            ObjectProvider<LeaderEventPublisher> publisher) {
        return new OutriggerLeaderInitiator(client, candidate, publisher.getIfAvailable());
    }
}
