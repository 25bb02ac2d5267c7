package dev.crosspost.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crosspost.admin.*}: the administrator account ({@code CROSSPOST_ADMIN_PASSWORD} sets the password).
 *
 * @param id       the admin's user id
 * @param password the admin's password; when empty, one is generated on first start and logged once
 * @param team     the team created on first start, with the admin as its first member
 */
@ConfigurationProperties("crosspost.admin")
record AdminProperties(@DefaultValue("admin") String id, String password, @DefaultValue("team") String team) {
}
