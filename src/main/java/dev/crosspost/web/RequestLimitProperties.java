package dev.crosspost.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code crosspost.web.*}: how large a request body may be, checked before anything reads it.
 *
 * @param maxBodySize       Crosspost's own pages and API (a story of 20,000 characters fits with room to spare)
 * @param maxEngineBodySize Camunda's {@code /engine-rest} and webapps, where Modeler deploys diagrams
 */
@ConfigurationProperties("crosspost.web")
record RequestLimitProperties(@DefaultValue("256KB") DataSize maxBodySize,
                              @DefaultValue("10MB") DataSize maxEngineBodySize) {
}
