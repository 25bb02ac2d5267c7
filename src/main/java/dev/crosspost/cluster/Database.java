package dev.crosspost.cluster;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/** Which database this node runs on: PostgreSQL (nodes may share it) or the embedded H2 (one node). */
@Component
class Database {

    private final boolean postgres;

    Database(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }

    boolean postgres() {
        return postgres;
    }
}
