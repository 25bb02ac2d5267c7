package dev.crosspost.process;

import dev.crosspost.message.ChannelOutage;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A send that fails because its channel is down ({@link ChannelOutage}) is retried by its job; that is the
 * design working, not an error. Camunda logs every failed command as {@code ENGINE-16004} at ERROR with the
 * stack trace, and the job executor again as {@code ENGINE-14006} at WARN with the stack trace: one outage of a
 * minute made dozens of error traces. With this plugin an outage is one WARN line per failed attempt (job id and
 * reason), and Camunda's own line goes to DEBUG. Every other failure is logged by Camunda as before. When the
 * retries run out the job becomes an incident, which Cockpit shows.
 * <p>
 * Public for the process tests' engine configuration ({@code camunda-process-test.cfg.xml}).
 */
@Component
public class QuietOutages extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(QuietOutages.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandContextFactory factory = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new CommandContext(getProcessEngineConfiguration()) {
                    @Override
                    protected boolean shouldLogFine(Throwable failure) {
                        return super.shouldLogFine(failure) || ChannelOutage.in(failure).isPresent();
                    }
                };
            }
        };
        // Camunda hands the configuration only to a factory it creates itself.
        factory.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(factory);
        // The job executor's logging hook is static (one per JVM); every engine here wants the same behaviour.
        ExecuteJobHelper.ExceptionLoggingHandler camunda = ExecuteJobHelper.LOGGING_HANDLER;
        if (!(camunda instanceof OutageAware)) {
            ExecuteJobHelper.LOGGING_HANDLER = (OutageAware) (jobId, failure) -> ChannelOutage.in(failure).ifPresentOrElse(
                    outage -> log.warn("job {} failed, will be retried: {}", jobId, outage.getMessage()),
                    () -> camunda.exceptionWhileExecutingJob(jobId, failure));
        }
    }

    private interface OutageAware extends ExecuteJobHelper.ExceptionLoggingHandler {
    }
}
