package dev.crosspost.story;

import dev.crosspost.web.ApiLimits;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The stories' configured limits ({@link StoryProperties}) in the API description. */
@Component
class StoryApiLimits implements OpenApiCustomizer {

    private final StoryProperties properties;

    StoryApiLimits(StoryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI api) {
        ApiLimits.of(api).length("NewStory", "title", properties.maxTitleLength())
                .length("NewStory", "body", properties.maxBodyLength())
                .length("StoryEdit", "title", properties.maxTitleLength())
                .length("StoryEdit", "body", properties.maxBodyLength())
                .length("NewComment", "body", properties.maxCommentLength())
                .range("GET", "/api/stories", "size", 1, properties.maxPageSize())
                .range("GET", "/api/stories", "page", 0, Integer.MAX_VALUE);
    }
}
