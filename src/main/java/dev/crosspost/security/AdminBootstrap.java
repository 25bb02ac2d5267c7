package dev.crosspost.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start: the admin account (password from {@code CROSSPOST_ADMIN_PASSWORD}, else generated and logged
 * once), Camunda's admin group with every permission, and the first team with the admin in it. Later starts
 * only bring the admin's password in line with {@code CROSSPOST_ADMIN_PASSWORD} when it is set.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final AdminProperties properties;

    AdminBootstrap(IdentityService identity, AuthorizationService authorizations, AdminProperties properties) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdminGroup();
        ensureAdmin();
        ensureTeam(properties.team());
    }

    private void ensureAdmin() {
        String id = properties.id();
        String configured = properties.password();
        User admin = identity.createUserQuery().userId(id).singleResult();
        if (admin == null) {
            admin = identity.newUser(id);
            admin.setFirstName("Crosspost");
            admin.setLastName("Admin");
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? randomPassword() : configured;
            admin.setPassword(password);
            identity.saveUser(admin);
            identity.createMembership(id, Groups.CAMUNDA_ADMIN);
            if (generated) {
                log.warn("""

                        ==========================================================================
                          Created the admin user '{}' with the generated password:  {}
                          It is shown only this once. Set CROSSPOST_ADMIN_PASSWORD to choose one.
                        ==========================================================================""",
                        id, password);
            } else {
                log.info("Created the admin user '{}' with the password from CROSSPOST_ADMIN_PASSWORD", id);
            }
        } else if (configured != null && !configured.isBlank() && !identity.checkPassword(id, configured)) {
            // The failed check itself updated the user (Camunda counts failed attempts): read it again.
            admin = identity.createUserQuery().userId(id).singleResult();
            admin.setPassword(configured);
            identity.saveUser(admin);
            identity.unlockUser(id);
            log.info("Set the password of admin user '{}' from CROSSPOST_ADMIN_PASSWORD", id);
        }
    }

    private void ensureAdminGroup() {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Camunda BPM Administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    private void ensureTeam(String team) {
        if (team == null || team.isBlank() || identity.createGroupQuery().groupId(team).count() > 0) {
            return;
        }
        Group group = identity.newGroup(team);
        group.setName(team);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
        identity.createMembership(properties.id(), team);
        log.info("Created team '{}' (shoutbox:{}) with '{}' as its first member", team, team, properties.id());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
