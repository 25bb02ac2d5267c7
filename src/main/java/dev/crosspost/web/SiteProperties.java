package dev.crosspost.web;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.base-url}: where people reach Crosspost's pages, used for links in messages Crosspost
 * writes (a story event says {@code .../stories/<id>}).
 *
 * @param baseUrl the public address of the site, http or https, without a trailing slash
 */
@Validated
@ConfigurationProperties("crosspost")
public record SiteProperties(@DefaultValue("http://localhost:8080") URI baseUrl) {

    public SiteProperties {
        String scheme = baseUrl == null ? null : baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("crosspost.base-url must be an http(s) address, got " + baseUrl);
        }
    }

    /** The absolute address of a page of the site, e.g. {@code link("/stories/42")}. */
    public String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
