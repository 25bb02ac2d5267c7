package dev.crosspost.member;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.directory.*}.
 *
 * @param cacheTtl how long a node remembers who a member is and which teams they are in ({@code 0s}: not at all);
 *                 changes made through Crosspost or Camunda count at once on every node, the TTL bounds only
 *                 changes made around them (SQL on Camunda's tables)
 */
@ConfigurationProperties("crosspost.directory")
record DirectoryProperties(@DefaultValue("10s") Duration cacheTtl) {
}
