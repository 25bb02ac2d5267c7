package dev.crosspost.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;

/** notify-delivery: one subscriber, sent asynchronously, retried on outages, ended at Refused for good refusals. */
@Deployment(resources = "processes/notify-delivery.bpmn")
class NotifyDeliveryProcessTest extends DeliveryProcessContract {

    @Override
    String delegate() {
        return "deliverNotification";
    }

    @Override
    String task() {
        return "Task_DeliverNotification";
    }

    @Override
    String idVariable() {
        return "subscriptionId";
    }

    @Override
    String id() {
        return "sub-1";
    }

    @Override
    ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("notify-delivery", "m-1",
                Map.of("subscriptionId", "sub-1", "messageId", "m-1", "channel", "shoutbox:team", "text", "hi"));
    }
}
