package dev.crosspost.shoutbox;

import dev.crosspost.web.ApiLimits;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The shoutbox's configured limits ({@link ShoutboxProperties}) in the API description. */
@Component
class ShoutboxApiLimits implements OpenApiCustomizer {

    private final ShoutboxProperties properties;

    ShoutboxApiLimits(ShoutboxProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI api) {
        ApiLimits.of(api).length("NewShout", "text", properties.maxLength())
                .range("GET", "/api/shoutboxes/{box}/shouts", "limit", 1, properties.maxLimit());
    }
}
