package dev.outrigger.spring.discovery;

import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;

/** Registers the application when its web server starts and deregisters it on shutdown. */
public class OutriggerAutoServiceRegistration extends AbstractAutoServiceRegistration<OutriggerRegistration> {
    private final OutriggerRegistration registration;
    private final boolean enabled;

    /**
     * @param registry the registry
     * @param properties Spring Cloud's auto-registration settings
     * @param registration this application's registration
     * @param enabled whether to register
     */
    public OutriggerAutoServiceRegistration(OutriggerServiceRegistry registry,
            AutoServiceRegistrationProperties properties, OutriggerRegistration registration, boolean enabled) {
        super(registry, properties);
        this.registration = registration;
        this.enabled = enabled;
    }

    @Override
    @SuppressWarnings("deprecation") // getPort(): the web server's port, as Spring Cloud Consul reads it
    protected void register() {
        registration.initializePort(getPort().get());
        super.register();
    }

    @Override
    @Deprecated
    protected Object getConfiguration() {
        return null;
    }

    @Override
    protected boolean isEnabled() {
        return enabled;
    }

    @Override
    protected OutriggerRegistration getRegistration() {
        return registration;
    }

    @Override
    protected OutriggerRegistration getManagementRegistration() {
        return null;
    }
}
