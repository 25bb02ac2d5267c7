package dev.crosspost.process;

import dev.crosspost.member.PostingTeams;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code senderTeam}: which team a member's message belongs to, when its channel belongs to none (a
 * direct message to the bot).
 * <p>
 * Reads {@code sender} (the member id) and, when the sender named one ({@code !post <team> text}), {@code team}.
 * Output: variable {@code team}, a team the sender belongs to (an admin may name any team). Error code
 * {@code NO_TEAM} when the sender is in no team, in several and named none, or named one that is not theirs; its
 * message tells the sender how to choose (catch it with an error boundary event, error message variable
 * {@code reason}, and send that to the sender). Reads the directory only: no {@code asyncBefore} needed.
 */
@Component("senderTeam")
class SenderTeamDelegate implements JavaDelegate {

    static final String TEAM = "team";

    private final PostingTeams teams;

    SenderTeamDelegate(PostingTeams teams) {
        this.teams = teams;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object named = execution.getVariable(TEAM);
        try {
            String team = teams.choose(String.valueOf(execution.getVariable(MessageVariables.SENDER)),
                    named == null ? null : named.toString());
            execution.setVariable(TEAM, team);
        } catch (IllegalArgumentException refused) {
            throw new BpmnError("NO_TEAM", "Sorry, " + refused.getMessage());
        }
    }
}
