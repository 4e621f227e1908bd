package io.claimbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ClaimbridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClaimbridgeApplication.class, args);
    }
}
