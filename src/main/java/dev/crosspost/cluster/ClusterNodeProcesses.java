package dev.crosspost.cluster;

import java.util.Optional;

import dev.crosspost.message.outbox.NodeProcesses;
import org.springframework.stereotype.Component;

/** {@link NodeProcesses} from {@code /proc}, as the bot's takeover tells an ended holder ({@link LocalProcess}). */
@Component
class ClusterNodeProcesses implements NodeProcesses {

    private final LocalProcess local = new LocalProcess();

    @Override
    public Optional<String> self() {
        return local.self();
    }

    @Override
    public boolean ended(String identity) {
        return local.ended(identity);
    }
}
