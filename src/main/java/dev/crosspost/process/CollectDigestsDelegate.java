package dev.crosspost.process;

import java.time.Instant;
import java.util.List;

import dev.crosspost.subscription.Digests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Service task {@code collectDigests} (in the {@code digest-*} timer processes): claims every waiting digest
 * entry of one interval, one digest per member and method, and sends each digest through the outbox (a row per
 * digest, written in this transaction, sent after it commits, retried on outages).
 * <p>
 * Input {@code interval}: {@code hourly}, {@code daily} or {@code weekly}. Output {@code digests}: how many
 * were made (0: nothing new, nothing is sent). Entries are claimed and digests marked sent in this transaction,
 * so a retried or concurrent run never puts an entry in two digests nor sends a digest twice.
 */
@Component("collectDigests")
class CollectDigestsDelegate implements JavaDelegate {

    private final Digests digests;

    CollectDigestsDelegate(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object interval = execution.getVariable("interval");
        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<String> made = digests.collect(interval == null ? null : interval.toString(), now);
        made.forEach(digestId -> digests.deliver(digestId, now));
        execution.setVariable("digests", made.size());
    }
}
