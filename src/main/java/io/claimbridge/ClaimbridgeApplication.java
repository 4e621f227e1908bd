package io.claimbridge;

import io.claimbridge.app.ClaimbridgeProperties;
import io.claimbridge.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

// No user store: the API authenticates bearer tokens (io.claimbridge.security), and Boot's default
// in-memory user would log a generated password nobody can use.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
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
