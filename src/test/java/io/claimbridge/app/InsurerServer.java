package io.claimbridge.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/** A {@link RecordingInsurer} on its own embedded Tomcat, for tests that run without the app's context. */
public final class InsurerServer implements AutoCloseable {
    private final Tomcat tomcat;

    private InsurerServer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    public static InsurerServer start(RecordingInsurer insurer, int port, Path workDir)
            throws LifecycleException, IOException {
        Files.createDirectories(workDir.resolve("docs"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", workDir.resolve("docs").toAbsolutePath().toString());
        Tomcat.addServlet(ctx, "insurer", insurer);
        ctx.addServletMappingDecoded("/test-insurer/*", "insurer");
        tomcat.start();
        return new InsurerServer(tomcat);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
