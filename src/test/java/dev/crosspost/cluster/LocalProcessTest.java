package dev.crosspost.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** With real processes: a live one has not ended, a killed one has; identities from elsewhere are never "ended". */
class LocalProcessTest {

    private final LocalProcess local = new LocalProcess();

    @Test
    void aLiveProcessHasNotEndedAndAKilledOneHas() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            String identity = local.of(sleeper.pid()).orElseThrow();
            assertThat(local.ended(identity)).isFalse();

            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(local.ended(identity)).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void thisProcessHasNotEnded() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        assertThat(local.ended(local.self().orElseThrow())).isFalse();
    }

    @Test
    void aPidNowUsedByAnotherProcessCountsAsEnded() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        String[] me = local.self().orElseThrow().split("/");
        // this JVM's pid, but another start time: the process it names has ended, the pid was used again
        long pid = ProcessHandle.current().parent().orElseThrow().pid();
        String parent = local.of(pid).orElseThrow();
        String[] p = parent.split("/");
        assertThat(local.ended(p[0] + "/" + p[1] + "/" + p[2] + "/" + (Long.parseLong(p[3]) + 1))).isTrue();
        assertThat(local.ended(parent)).isFalse();
        assertThat(me).hasSize(4);
    }

    @Test
    void nothingIsKnownOfAnotherMachineOrNamespaceOrAnUnreadableIdentity() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        String[] me = local.self().orElseThrow().split("/");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        String[] gone = local.of(sleeper.pid()).orElseThrow().split("/");
        sleeper.destroyForcibly();
        sleeper.waitFor(10, TimeUnit.SECONDS);

        assertThat(local.ended("another-boot/" + me[1] + "/" + gone[2] + "/" + gone[3])).isFalse();
        assertThat(local.ended(me[0] + "/4026531999/" + gone[2] + "/" + gone[3])).isFalse();
        assertThat(local.ended(null)).isFalse();
        assertThat(local.ended("host-1234")).isFalse();
        assertThat(new LocalProcess(Path.of("/nonexistent")).ended(String.join("/", gone))).isFalse();
        assertThat(new LocalProcess(Path.of("/nonexistent")).self()).isEmpty();
    }
}
