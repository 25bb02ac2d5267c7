package dev.crosspost.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Tells the directory when someone changes users, groups, memberships or user info through this node's engine
 * (Camunda Admin, the REST API, Crosspost's own profile page), so a cached answer never outlives the change here.
 * Changes made on another node reach this one when its cache entries expire.
 */
@Component
class IdentityChanges extends AbstractProcessEnginePlugin {

    /** Camunda's commands that write the identity tables. */
    private static final Set<String> WRITES = Set.of("SaveUserCmd", "DeleteUserCmd", "SaveGroupCmd",
            "DeleteGroupCmd", "CreateMembershipCmd", "DeleteMembershipCmd", "SetUserInfoCmd", "DeleteUserInfoCmd");

    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Something the directory shows changed outside Camunda's commands (an address was verified). */
    void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                boolean write = WRITES.contains(command.getClass().getSimpleName());
                try {
                    return next.execute(command);
                } finally {
                    if (write) {
                        listeners.forEach(Runnable::run);
                    }
                }
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
}
