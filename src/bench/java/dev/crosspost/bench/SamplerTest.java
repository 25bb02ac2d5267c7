package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplerTest {

    private static String scrape(double cpu, double pending, double active) {
        return """
                # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
                # TYPE process_cpu_usage gauge
                process_cpu_usage %s
                system_cpu_usage 0.9
                hikaricp_connections_pending{pool="HikariPool-1"} %s
                hikaricp_connections_active{pool="HikariPool-1"} %s
                hikaricp_connections_max{pool="HikariPool-1"} 20.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                """.formatted(cpu, pending, active);
    }

    @Test
    void readsAMetricSummedOverItsSeriesAndTellsWhenItIsMissing() {
        String text = scrape(0.5, 3, 20);

        assertThat(Sampler.value(text, "process_cpu_usage")).isEqualTo(0.5);
        assertThat(Sampler.value(text, "hikaricp_connections_pending")).isEqualTo(3);
        assertThat(Sampler.value(text, "jvm_memory_used_bytes")).isEqualTo(1.048576E7 + 2.097152E7 + 9.9E7);
        assertThat(Sampler.value(text, "tomcat_threads_busy_threads")).isEqualTo(-1);
    }

    @Test
    void averagesCpuAndWaitingThreadsAndKeepsTheMaxima() {
        var stats = new Sampler.Stats();
        stats.add(scrape(0.4, 0, 5));
        stats.add(scrape(0.8, 100, 20));

        var limits = stats.limits();

        assertThat(limits.samples()).isEqualTo(2);
        assertThat(limits.processCpu()).isEqualTo(0.6);
        assertThat(limits.systemCpu()).isEqualTo(0.9);
        assertThat(limits.meanPending()).isEqualTo(50);
        assertThat(limits.maxPending()).isEqualTo(100);
        assertThat(limits.maxActive()).isEqualTo(20);
        assertThat(limits.poolSize()).isEqualTo(20);
    }
}
