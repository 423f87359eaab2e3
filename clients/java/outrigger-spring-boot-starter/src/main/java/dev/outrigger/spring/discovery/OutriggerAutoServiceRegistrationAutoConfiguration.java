package dev.outrigger.spring.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the application when its web server starts (address, port and metadata from
 * {@code outrigger.discovery.*}, optionally with a health check at the actuator health URL)
 * and deregisters it on shutdown. Off with {@code outrigger.discovery.register=false} or
 * {@code spring.cloud.service-registry.auto-registration.enabled=false}.
 */
@AutoConfiguration(after = {OutriggerDiscoveryAutoConfiguration.class, AutoServiceRegistrationConfiguration.class,
        AutoServiceRegistrationAutoConfiguration.class})
@ConditionalOnBean({OutriggerServiceRegistry.class, AutoServiceRegistrationProperties.class})
@ConditionalOnProperty(prefix = "outrigger.discovery", name = "register", matchIfMissing = true)
public class OutriggerAutoServiceRegistrationAutoConfiguration {

    /**
     * @param properties the discovery settings
     * @param environment for spring.application.name
     * @param inetUtils finds the first non-loopback address, when present
     * @return this application's registration
     */
    @Bean
    @ConditionalOnMissingBean
    public OutriggerRegistration outriggerRegistration(OutriggerDiscoveryProperties properties,
            Environment environment, ObjectProvider<InetUtils> inetUtils) {
        String service = properties.getServiceName() != null ? properties.getServiceName()
                : environment.getProperty("spring.application.name", "application");
        String address = properties.getAddress() != null ? properties.getAddress() : defaultAddress(inetUtils);
        OutriggerDiscoveryProperties.HealthCheck hc = properties.getHealthCheck();
        return new OutriggerRegistration(service, properties.getInstanceId(), address, properties.getPort(),
                properties.isSecure(), properties.getMetadata(), properties.getSessionTtl(),
                hc.isEnabled() ? hc.getPath() : null, hc.getInterval());
    }

    /**
     * @param registry the registry
     * @param autoProperties Spring Cloud's auto-registration settings
     * @param registration this application's registration
     * @return the auto-registration
     */
    @Bean
    @ConditionalOnMissingBean
    public OutriggerAutoServiceRegistration outriggerAutoServiceRegistration(OutriggerServiceRegistry registry,
            AutoServiceRegistrationProperties autoProperties, OutriggerRegistration registration) {
        return new OutriggerAutoServiceRegistration(registry, autoProperties, registration, true);
    }

    private static String defaultAddress(ObjectProvider<InetUtils> inetUtils) {
        InetUtils utils = inetUtils.getIfAvailable();
        if (utils != null) {
            return utils.findFirstNonLoopbackHostInfo().getIpAddress();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
