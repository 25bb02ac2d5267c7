package dev.crosspost.process;

import java.util.List;
import java.util.Map;

import dev.crosspost.subscription.Digests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Service task {@code collectDigests} (in the {@code digest-*} timer processes): claims every waiting digest
 * entry of one interval, one digest per member and method, and starts one {@code digest-delivery} instance
 * per digest (business key = digest id), whose asynchronous, retried task sends it.
 * <p>
 * Input {@code interval}: {@code hourly}, {@code daily} or {@code weekly}. Output {@code digests}: how many
 * were made (0: nothing new, nothing is sent). Entries are claimed in the job's transaction, so a retried or
 * concurrent run never puts an entry in two digests.
 */
@Component("collectDigests")
class CollectDigestsDelegate implements JavaDelegate {

    static final String DELIVERY_PROCESS = "digest-delivery";

    private final Digests digests;

    CollectDigestsDelegate(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object interval = execution.getVariable("interval");
        List<String> made = digests.collect(interval == null ? null : interval.toString(),
                ClockUtil.getCurrentTime().toInstant());
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        for (String digestId : made) {
            runtime.startProcessInstanceByKey(DELIVERY_PROCESS, digestId, Map.of("digestId", digestId));
        }
        execution.setVariable("digests", made.size());
    }
}
