package dev.crosspost.fortune;

import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FortuneConfig {

    @Bean
    Fortunes fortunes(FortuneProperties properties) {
        return Fortunes.load(properties.path(), properties.maxLength(), new SecureRandom());
    }
}
