/**
 * Several Crosspost nodes on one PostgreSQL: which node holds the chat bot ({@link dev.crosspost.cluster.Leadership},
 * a session-level advisory lock), and notifications that reach every node at once
 * ({@link dev.crosspost.cluster.ClusterNotifications}, LISTEN/NOTIFY). On the embedded H2 database the one node
 * is the leader and notifications stay in it. Knows no feature: features use it.
 */
package dev.crosspost.cluster;
