package dev.outrigger.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.spring.config.OutriggerConfigChangedEvent;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** spring.config.import=outrigger: loads config and keeps it live in a running context. */
class ConfigDataLiveRefreshTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient();

    /** Bound from the greeting.* properties, rebound on change. */
    @ConfigurationProperties("greeting")
    public static class GreetingProperties {
        private String text = "default";
        private int repeat = 1;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        public int getRepeat() {
            return repeat;
        }

        public void setRepeat(int repeat) {
            this.repeat = repeat;
        }
    }

    /** A @RefreshScope bean reading a property once, at creation. */
    public static class Farewell {
        private final String text;

        Farewell(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** Records change events. */
    public static class Recorder {
        final List<Set<String>> outrigger = new CopyOnWriteArrayList<>();
        final List<Set<String>> environment = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(OutriggerConfigChangedEvent e) {
            outrigger.add(e.getKeys());
        }

        @EventListener
        public void on(EnvironmentChangeEvent e) {
            environment.add(e.getKeys());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableConfigurationProperties(GreetingProperties.class)
    static class App {
        @Bean
        @RefreshScope
        Farewell farewell(@Value("${farewell:none}") String text) {
            return new Farewell(text);
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    private static ConfigurableApplicationContext start(String app, String... more) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("spring.application.name=" + app, "spring.config.import=outrigger:",
                        "outrigger.endpoint=" + Sidecar.shared().endpoint(), "outrigger.discovery.register=false")
                .properties(more).run();
    }

    @Test
    void loadsTheAppsPrefixAndRefreshesLive() {
        String app = Names.unique("cfgapp");
        String p = "config/" + app + "/";
        CLIENT.get().config().put(p + "greeting.text", "hello");
        CLIENT.get().config().put(p + "greeting/repeat", "2");
        CLIENT.get().config().put(p + "farewell", "bye");
        CLIENT.get().config().put(p + "doomed", "soon gone");
        CLIENT.get().config().put("config/" + app + "-other/greeting.text", "not mine");

        try (ConfigurableApplicationContext ctx = start(app)) {
            GreetingProperties greeting = ctx.getBean(GreetingProperties.class);
            Farewell farewell = ctx.getBean(Farewell.class);
            Recorder recorder = ctx.getBean(Recorder.class);
            assertEquals("hello", greeting.getText());
            assertEquals(2, greeting.getRepeat(), "key/with/slashes map to dotted names");
            assertEquals("bye", farewell.text());
            assertEquals("soon gone", ctx.getEnvironment().getProperty("doomed"));

            CLIENT.get().config().put(p + "greeting.text", "hi");
            Eventually.await("@ConfigurationProperties rebound", () -> "hi".equals(greeting.getText()));
            assertEquals("hi", ctx.getEnvironment().getProperty("greeting.text"));
            Eventually.await("EnvironmentChangeEvent for greeting.text",
                    () -> recorder.environment.contains(Set.of("greeting.text")));

            CLIENT.get().config().put(p + "farewell", "ciao");
            Eventually.await("@RefreshScope bean refreshed", () -> "ciao".equals(ctx.getBean(Farewell.class).text()));

            CLIENT.get().config().delete(p + "doomed");
            Eventually.await("deleted key gone", () -> ctx.getEnvironment().getProperty("doomed") == null);
            Eventually.await("change event for doomed", () -> recorder.outrigger.contains(Set.of("doomed")));

            CLIENT.get().config().put("config/" + app + "-other/greeting.text", "still not mine");
            CLIENT.get().config().put(p + "greeting/repeat", "3");
            Eventually.await("repeat rebound", () -> greeting.getRepeat() == 3);
            assertEquals("hi", greeting.getText());
            Eventually.await("change event for greeting.repeat",
                    () -> recorder.outrigger.contains(Set.of("greeting.repeat")));
            assertTrue(recorder.outrigger.stream().allMatch(keys -> keys.size() == 1),
                    "one event per changed key, none for other prefixes: " + recorder.outrigger);
        }
    }

    @Test
    void anExplicitPrefixCanBeImported() {
        String prefix = Names.unique("shared") + "/";
        CLIENT.get().config().put(prefix + "feature.flag", "on");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.import=outrigger:" + prefix,
                        "outrigger.endpoint=" + Sidecar.shared().endpoint(), "outrigger.discovery.register=false")
                .run()) {
            assertEquals("on", ctx.getEnvironment().getProperty("feature.flag"));
        }
    }

    @Test
    void anUnreachableSidecarFailsStartupUnlessTheImportIsOptional() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "outrigger.endpoint=http://127.0.0.1:" + port;
        RuntimeException e = assertThrows(RuntimeException.class, () -> new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).properties("spring.config.import=outrigger:", nowhere,
                        "outrigger.deadline=2s").run().close());
        boolean named = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            named |= String.valueOf(t.getMessage()).contains("cannot load config outrigger:config/");
        }
        assertTrue(named, "the startup failure names the config: " + e);
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).properties("spring.config.import=optional:outrigger:", nowhere,
                        "outrigger.deadline=2s", "outrigger.discovery.register=false").run()) {
            assertNull(ctx.getEnvironment().getProperty("greeting.text"));
            assertEquals("default", ctx.getBean(GreetingProperties.class).getText());
        }
    }
}
