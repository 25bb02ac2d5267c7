/**
 * Webhooks, both ways. {@code incoming/}: an admin's hook is the channel {@code webhook:<name>}; another system
 * POSTs to its secret URL or signs its body (GitHub's {@code X-Hub-Signature-256}), a preset turns the payload
 * into a message, and the Inbox starts the channel's queue. {@code outgoing/}: the target {@code webhook:<name>},
 * an outbound port that POSTs Slack-compatible or signed JSON bodies through the outbox, to public addresses only.
 * This package: what both share (names, the table of hooks, sealed secrets, settings) and the admins' page.
 */
package dev.crosspost.webhook;
