package dev.crosspost.support;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/** The in-memory engine of every {@code *ProcessTest}, with process test coverage. */
public final class ProcessTests {

    /** The engine's configuration file; see the comment in it for why it is not camunda.cfg.xml. */
    public static final String CONFIGURATION = "camunda-process-test.cfg.xml";

    private ProcessTests() {
    }

    /** Use as {@code @RegisterExtension static ProcessEngineCoverageExtension engine = ProcessTests.engine();}. */
    public static ProcessEngineCoverageExtension engine() {
        return ProcessEngineCoverageExtension.builder(CONFIGURATION).assertClassCoverageAtLeast(1.0).build();
    }
}
