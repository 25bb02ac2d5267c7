package dev.crosspost.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import dev.crosspost.util.BucketStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link BucketStore} by the database: on PostgreSQL (which several nodes may share) the buckets are
 * rows there, so the limits hold for the cluster; on the embedded H2 there is only one node, and memory will do.
 */
@Configuration(proxyBeanMethods = false)
class BucketStores {

    @Bean
    BucketStore bucketStore(DataSource dataSource) {
        return postgres(dataSource) ? new PostgresBucketStore(dataSource) : BucketStore.inMemory();
    }

    static boolean postgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }
}
