package dev.crosspost.process;

import java.util.List;
import java.util.Optional;

import dev.crosspost.message.IncomingMessage;
import dev.crosspost.message.Queues;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/** Queues are deployed BPMN processes whose message start event is named after the channel address. */
@Component
class CamundaQueues implements Queues {

    private final RuntimeService runtime;
    private final RepositoryService repository;

    CamundaQueues(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    @Override
    public Optional<String> start(IncomingMessage message) {
        String name = message.channel().toString();
        if (repository.createProcessDefinitionQuery().messageEventSubscriptionName(name).count() == 0) {
            return Optional.empty();
        }
        var instance = runtime.createMessageCorrelation(name)
                .processInstanceBusinessKey(message.id())
                .setVariables(MessageVariables.of(message))
                .correlateStartMessage();
        return Optional.of(instance.getId());
    }

    @Override
    public List<QueueInfo> deployed() {
        return repository.createProcessDefinitionQuery().latestVersion().active().list().stream()
                .flatMap(def -> messageStartNames(def).stream()
                        .map(channel -> new QueueInfo(channel, def.getKey(), def.getName(), def.getId())))
                .toList();
    }

    private List<String> messageStartNames(ProcessDefinition def) {
        return repository.getBpmnModelInstance(def.getId()).getModelElementsByType(StartEvent.class).stream()
                .filter(start -> start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
                .flatMap(start -> start.getEventDefinitions().stream())
                .filter(MessageEventDefinition.class::isInstance)
                .map(d -> ((MessageEventDefinition) d).getMessage())
                .filter(msg -> msg != null && msg.getName() != null)
                .map(msg -> msg.getName())
                .toList();
    }
}
