package dev.crosspost.cockpit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * What a person may read of the flows, as in Cockpit: a queue's flows and their sends with {@code READ_HISTORY} on
 * its process definition; what belongs to no queue (unrouted channels, channels that only receive sends) only
 * Camunda administrators.
 */
@Component
class Readers {

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    Readers(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    /** One person's rights, for one request (a process definition's answer is asked once). */
    Reader of(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        return new Reader(userId, groups);
    }

    final class Reader {
        private final String userId;
        private final List<String> groups;
        private final Map<String, Boolean> history = new HashMap<>();

        private Reader(String userId, List<String> groups) {
            this.userId = userId;
            this.groups = groups;
        }

        boolean admin() {
            return groups.contains(Groups.CAMUNDA_ADMIN);
        }

        /** Whether Cockpit would show this person the finished flows of process {@code processKey}. */
        boolean mayReadHistory(String processKey) {
            return history.computeIfAbsent(processKey, key -> authorizations.isUserAuthorized(userId, groups,
                    Permissions.READ_HISTORY, Resources.PROCESS_DEFINITION, key));
        }
    }
}
