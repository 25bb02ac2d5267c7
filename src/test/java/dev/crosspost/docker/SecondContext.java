package dev.crosspost.docker;

import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A second Crosspost application context in the test JVM, beside the shared {@code AbstractIT} one, that leaves the
 * JVM's shared state as it found it. What is static in a JVM and the app would otherwise share:
 * <ul>
 * <li>Camunda's registry of engines by name: the second engine gets a name of its own;</li>
 * <li>Camunda's webapps (Cockpit, Admin, Tasklist, Welcome) keep their runtime in statics, which a closing webapp
 * sets to null: they are put back as they were when the second context closes;</li>
 * <li>Micrometer's global registry: the second context's metrics stay out of it;</li>
 * <li>Logback, configured once per JVM by Spring Boot: when the shared context has configured it already, the
 * second context leaves it alone (neither configures it again nor tears it down when it closes); when not, it
 * logs at the shared context's levels.</li>
 * </ul>
 */
final class SecondContext implements AutoCloseable {

    private final CockpitRuntimeDelegate cockpit = Cockpit.getRuntimeDelegate();
    private final AdminRuntimeDelegate admin = Admin.getRuntimeDelegate();
    private final TasklistRuntimeDelegate tasklist = Tasklist.getRuntimeDelegate();
    private final WelcomeRuntimeDelegate welcome = Welcome.getRuntimeDelegate();
    private final ConfigurableApplicationContext context;

    private SecondContext(SpringApplicationBuilder builder, ConfigurableEnvironment environment) {
        environment.getPropertySources().addFirst(new MapPropertySource("secondContextInTheTestJvm", Map.of(
                "camunda.bpm.process-engine-name", "second",
                "management.metrics.use-global-registry", "false",
                "spring.main.banner-mode", "off",
                // as quiet as the shared context, when this one is the first to configure logging
                "logging.level.root", "warn",
                "logging.level.dev.crosspost", "info")));
        builder.environment(environment);
        if (loggingConfigured()) {
            var app = builder.application();
            app.setListeners(app.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        }
        try {
            this.context = builder.run();
        } catch (RuntimeException | Error e) {
            restore(); // a failed start has closed its webapps too
            throw e;
        }
    }

    /** Runs {@code builder} with {@code environment} (which gets the few properties above on top). */
    static SecondContext run(SpringApplicationBuilder builder, ConfigurableEnvironment environment) {
        return new SecondContext(builder, environment);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            restore();
        }
    }

    private void restore() {
        Cockpit.setCockpitRuntimeDelegate(cockpit);
        Admin.setAdminRuntimeDelegate(admin);
        Tasklist.setTasklistRuntimeDelegate(tasklist);
        Welcome.setRuntimeDelegate(welcome);
    }

    /** Whether Spring Boot has configured Logback in this JVM (it marks the logger context so). */
    private static boolean loggingConfigured() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && logback.getObject(LoggingSystem.class.getName()) != null;
    }
}
