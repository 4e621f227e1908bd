package io.claimbridge;

import io.claimbridge.app.ClaimbridgeProperties;
import io.claimbridge.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(ClaimbridgeProperties.class)
public class ClaimbridgeApplication {
    public static void main(String[] args) {
        // Analyst commands (convert, validate) run without starting the server.
        if (args.length > 0 && Cli.handles(args[0])) {
            System.exit(Cli.run(args));
        }
        SpringApplication.run(ClaimbridgeApplication.class, args);
    }
}
