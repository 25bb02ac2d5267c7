package dev.crosspost.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * For a feature's {@code OpenApiCustomizer}: writes the limits it enforces from its configuration (lengths, page
 * sizes) into the API description, so that the description says what this instance refuses, not a default.
 */
public final class ApiLimits {

    private final OpenAPI api;

    private ApiLimits(OpenAPI api) {
        this.api = api;
    }

    public static ApiLimits of(OpenAPI api) {
        return new ApiLimits(api);
    }

    /** A string property of a component schema: at most {@code max} characters, at least one. */
    public ApiLimits length(String schema, String property, int max) {
        property(schema, property).ifPresent(p -> p.minLength(1).maxLength(max));
        return this;
    }

    /** An integer query parameter: between {@code min} and {@code max}. */
    public ApiLimits range(String method, String path, String parameter, int min, int max) {
        Optional.ofNullable(api.getPaths()).map(paths -> paths.get(path))
                .map(item -> item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method)))
                .map(Operation::getParameters).stream().flatMap(List::stream)
                .filter(p -> p.getName().equals(parameter))
                // a new schema: springdoc shares one instance between parameters of the same type
                .forEach(p -> p.setSchema(new IntegerSchema().format(p.getSchema().getFormat())
                        .minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max))));
        return this;
    }

    @SuppressWarnings("rawtypes")
    private Optional<Schema> property(String schema, String property) {
        return Optional.ofNullable(api.getComponents()).map(c -> c.getSchemas()).map(s -> s.get(schema))
                .map(Schema::getProperties).map(p -> (Schema) ((Map) p).get(property));
    }
}
