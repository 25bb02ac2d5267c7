package dev.crosspost.process;

import dev.crosspost.fortune.Fortunes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task {@code fortune}: sets the process variable {@code text} to a fortune, picked at random from
 * {@code crosspost.fortune.path} (Debian's fortune files) or, without those, the collection bundled with
 * Crosspost. No inputs.
 * <p>
 * In a process a timer started there is no incoming message: the task then also makes the fortune the
 * process's message ({@code messageId} = process instance id = business key, {@code channel}
 * {@code timer:<process key>}, {@code sender} and {@code origin} {@code crosspost}), so {@code redirect} and
 * {@code storeAsStory} can follow it. Reads local files only: it needs no {@code asyncBefore}.
 * <p>
 * {@code processes/hourly-fortune.bpmn} runs it from a timer start event {@code R/PT1H}. Camunda 7 keeps a
 * cycle timer as one job; when it fires it schedules the next one at the first slot of the cycle after
 * <em>now</em> (the cycle is anchored at deployment: {@code R/<deployed-at>/PT1H}). So after downtime the one
 * overdue job fires once (one catch-up fortune) and the next comes on the hour grid: missed hours are skipped,
 * never replayed as a burst ({@code HourlyFortuneProcessTest} checks both).
 */
@Component("fortune")
class FortuneDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(FortuneDelegate.class);

    private final Fortunes fortunes;

    FortuneDelegate(Fortunes fortunes) {
        this.fortunes = fortunes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TimerMessage.ensure(execution);
        String text = fortunes.next();
        execution.getProcessInstance().setVariable(MessageVariables.TEXT, text);
        log.info("fortune for message {} ({} characters, from {})", execution.getVariable(MessageVariables.MESSAGE_ID),
                text.length(), fortunes.source());
    }
}
