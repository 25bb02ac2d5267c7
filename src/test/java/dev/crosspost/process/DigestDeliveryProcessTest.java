package dev.crosspost.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;

/** digest-delivery: one digest, sent asynchronously, retried on outages, ended at Refused for good refusals. */
@Deployment(resources = "processes/digest-delivery.bpmn")
class DigestDeliveryProcessTest extends DeliveryProcessContract {

    @Override
    String delegate() {
        return "deliverDigest";
    }

    @Override
    String task() {
        return "Task_DeliverDigest";
    }

    @Override
    String idVariable() {
        return "digestId";
    }

    @Override
    String id() {
        return "digest-1";
    }

    @Override
    ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("digest-delivery", "digest-1", Map.of("digestId", "digest-1"));
    }
}
