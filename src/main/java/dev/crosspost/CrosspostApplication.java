package dev.crosspost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Crosspost: channels in, one BPMN queue per channel, channels out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CrosspostApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrosspostApplication.class, args);
    }
}
