package dev.crosspost.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the directory when someone changes users, groups, memberships or user info through this node's engine
 * (Camunda Admin, the REST API, Crosspost's own profile page), so a cached answer never outlives the change here.
 * Told after the command (and the transaction it began) ended; a listener that fails does not fail the command.
 */
@Component
class IdentityChanges extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(IdentityChanges.class);

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
                        tell();
                    }
                }
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    private void tell() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("directory change not announced to the other nodes ({}); they see it within the cache TTL",
                        e.toString());
            }
        }
    }
}
