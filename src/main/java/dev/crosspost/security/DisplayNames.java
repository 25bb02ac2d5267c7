package dev.crosspost.security;

import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Only admins change display names. A member's name is what shouts, room lines and notifications show as the
 * author, so a member who could rename themselves "Crosspost Admin" could speak as someone else. Camunda gives
 * every user UPDATE on their own USER resource (they keep it: it is how they change their password in Camunda's
 * welcome app); this engine plugin refuses, for anyone but a Camunda admin, a save that changes a user's first
 * or last name, on every path: Camunda's welcome and admin apps, {@code /engine-rest/user/{id}/profile}.
 * Engine calls without an authenticated user (Crosspost's own start-up, the tests) are not restricted.
 */
@Component
class DisplayNames extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(AdminOnlyNames.class));
    }

    /** Camunda's database identity provider, with the name rule; created by the engine per command. */
    public static class AdminOnlyNames extends DbIdentityServiceProvider {

        @Override
        public IdentityOperationResult saveUser(User user) {
            if (user instanceof UserEntity entity && entity.getRevision() != 0 && !byAdminOrSystem()) {
                UserEntity stored = findUserById(user.getId());
                if (stored != null && (!Objects.equals(stored.getFirstName(), user.getFirstName())
                        || !Objects.equals(stored.getLastName(), user.getLastName()))) {
                    throw new AuthorizationException("only an admin may change a member's name");
                }
            }
            return super.saveUser(user);
        }

        private static boolean byAdminOrSystem() {
            var command = Context.getCommandContext();
            Authentication authentication = command.getAuthentication();
            return authentication == null || authentication.getUserId() == null
                    || command.getAuthorizationManager().isCamundaAdmin(authentication);
        }
    }
}
