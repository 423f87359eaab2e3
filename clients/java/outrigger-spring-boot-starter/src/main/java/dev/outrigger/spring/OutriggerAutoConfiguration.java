package dev.outrigger.spring;

import dev.outrigger.client.OutriggerClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The application's {@link OutriggerClient}, closed with the context. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "outrigger", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutriggerProperties.class)
public class OutriggerAutoConfiguration {

    /**
     * @param properties the connection settings
     * @return the client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public OutriggerClient outriggerClient(OutriggerProperties properties) {
        return properties.buildClient();
    }
}
