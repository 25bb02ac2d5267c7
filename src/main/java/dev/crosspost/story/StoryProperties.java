package dev.crosspost.story;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.story.*}.
 *
 * @param maxTitleLength   the longest title accepted, in characters
 * @param maxBodyLength    the longest story body accepted, in characters
 * @param maxCommentLength the longest comment accepted, in characters
 * @param defaultPageSize  stories per page when no size is asked for
 * @param maxPageSize      the most stories one page returns
 */
@Validated
@ConfigurationProperties("crosspost.story")
record StoryProperties(@DefaultValue("200") @Min(1) @Max(300) int maxTitleLength,
                       @DefaultValue("20000") @Min(1) @Max(100000) int maxBodyLength,
                       @DefaultValue("4000") @Min(1) @Max(20000) int maxCommentLength,
                       @DefaultValue("20") @Min(1) int defaultPageSize,
                       @DefaultValue("100") @Min(1) int maxPageSize) {
}
