package io.claimbridge;

import io.claimbridge.app.ClaimbridgeProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(ClaimbridgeProperties.class)
public class ClaimbridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClaimbridgeApplication.class, args);
    }
}
