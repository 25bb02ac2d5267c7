package dev.crosspost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JfrLayersTest {

    @Test
    void aClassBelongsToTheFirstLayerWhosePrefixItHas() {
        assertThat(JfrLayers.layer("org.postgresql.core.v3.QueryExecutorImpl")).startsWith("JDBC");
        assertThat(JfrLayers.layer("org.camunda.bpm.engine.impl.db.EntityManager")).startsWith("engine");
        assertThat(JfrLayers.layer("dev.crosspost.message.outbox.Outbox")).isEqualTo("outbox");
        assertThat(JfrLayers.layer("org.springframework.security.web.FilterChainProxy")).isEqualTo("security");
        assertThat(JfrLayers.layer("org.springframework.web.servlet.DispatcherServlet")).startsWith("web");
        assertThat(JfrLayers.layer("org.springframework.transaction.support.TransactionTemplate")).startsWith("Spring");
        assertThat(JfrLayers.layer("org.jivesoftware.smack.AbstractXMPPConnection")).startsWith("XMPP");
        assertThat(JfrLayers.layer("com.example.Other")).isEqualTo("other libraries");
        assertThat(JfrLayers.layer(null)).startsWith("JDK only");
    }

    @Test
    void threadsAreGroupedByPoolAndTheTableSumsToAllSamples() {
        assertThat(JfrLayers.pool("http-nio-8080-exec-17")).isEqualTo("http-nio-#-exec-#");
        assertThat(JfrLayers.jdk("java.util.HashMap")).isTrue();
        assertThat(JfrLayers.jdk("dev.crosspost.Foo")).isFalse();
        Map<String, Long> layers = new LinkedHashMap<>(Map.of("security", 30L));
        var md = JfrLayers.markdown(new JfrLayers.Summary(120, layers, Map.of("http-nio-#-exec-#", 120L),
                Map.of("a.B.c", 12L), Map.of("x.Y.z", 60L)), 5);
        assertThat(md).contains("| security | 30 | 25.0 % |").contains("| **all** | 120 | 100.0 % |")
                .contains("| `a.B.c` | 12 | 10.0 % |").contains("| `x.Y.z` | 60 | 50.0 % |");
    }
}
