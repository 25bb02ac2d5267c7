package dev.crosspost.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} against the Compose Specification's own JSON schema (vendored in
 * {@code src/test/resources/docker/compose-spec.json}, see the README there): no Docker engine runs where the tests
 * run, and Debian's {@code docker-compose} 1.29 is too old to read the file's top-level {@code name}.
 */
class ComposeFileTest {

    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/docker/compose-spec.json")) {
            // the schema's $id is relative ("compose_spec.json"): give it a base, resolved nowhere but here
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(SchemaLocation.of("classpath:docker/compose-spec.json"), in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> problems(JsonNode compose) {
        return SCHEMA.validate(compose).stream().map(Error::toString).toList();
    }

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        assertThat(problems(ComposeFile.tree())).isEmpty();
    }

    /** The check can fail: copies of the file, each broken in one way Compose itself would refuse. */
    @Test
    void aBrokenComposeFileIsRefused() {
        Map<String, Consumer<ObjectNode>> breakages = Map.of(
                "a misspelt key", c -> service(c, "crosspost").set("enviroment", service(c, "crosspost").get("environment")),
                "a replica count that is not a number", c -> ((ObjectNode) service(c, "crosspost").get("deploy"))
                        .put("replicas", true),
                "ports as a mapping", c -> service(c, "lb").putObject("ports").put("8080", "8080"),
                "an unknown top-level section", c -> c.putObject("service"),
                "a health check without its test as text or list", c -> ((ObjectNode) service(c, "postgres")
                        .get("healthcheck")).putObject("test"));
        breakages.forEach((what, breakage) -> {
            ObjectNode copy = ComposeFile.tree();
            breakage.accept(copy);
            assertThat(problems(copy)).as(what).isNotEmpty();
        });
        // and one Compose reads as YAML but not as a Compose file at all
        assertThat(problems(ComposeFile.parse("services:\n  web:\n    image: [nginx]\n"))).isNotEmpty();
    }

    /** The variables Compose refuses to start without, and the defaults it fills in. */
    @Test
    void interpolationIsComposes() {
        Map<String, String> shell = Map.of("SET", "x", "EMPTY", "");
        assertThat(ComposeFile.interpolate("${SET:-d}/${EMPTY:-d}/${EMPTY-d}/${UNSET-d}/$SET/$${SET}", shell))
                .isEqualTo("x/d//d/x/${SET}");
        assertThat(ComposeFile.interpolate("${SET:+alt}${EMPTY:+alt}", shell)).isEqualTo("alt");
        assertThatThrownBy(() -> ComposeFile.interpolate("${EMPTY:?set it}", shell)).hasMessageContaining("set it");
        assertThatThrownBy(() -> ComposeFile.interpolate("${CROSSPOST_ADMIN_PASSWORD:?set it}", Map.of()))
                .hasMessageContaining("CROSSPOST_ADMIN_PASSWORD");
    }

    private static ObjectNode service(ObjectNode compose, String name) {
        return (ObjectNode) compose.get("services").get(name);
    }
}
