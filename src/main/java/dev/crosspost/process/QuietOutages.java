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
 * A channel that is down ({@link ChannelOutage}) is expected in the life of a broker, not an error. Sends leave
 * through the outbox, which retries them itself and logs an outage as one line; an outage reaches the engine only
 * in a job: the {@code sendAgain} task of {@code delivery-failed} (its first run, or a Retry in Cockpit, while the
 * channel is still down or on a node that does not send to it), or an asynchronous task of a modeler's own process
 * that fails with one. For such a failure Camunda logs the failed command as {@code ENGINE-16004} at ERROR with the
 * stack trace, and the job executor logs it again as {@code ENGINE-14006} at WARN with the stack trace. With this
 * plugin it is one WARN line (job id and reason), and Camunda's command line goes to DEBUG. The job then follows its
 * retry cycle as before ({@code sendAgain} has none left after its first run: an incident, which Cockpit shows).
 * Every other failure is logged by Camunda as before.
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
