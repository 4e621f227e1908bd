package io.claimbridge.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one file from a file consumer, ingests its messages and leaves the file with its report
 * in {@code done/} (all accepted) or {@code error/} beside the inbox. The consumer deletes the
 * original afterwards; a crash before that re-reads the file and its messages count as resends.
 */
public class BatchIngestProducer extends DefaultProducer {
    private static final Logger log = LoggerFactory.getLogger(BatchIngestProducer.class);

    private final BatchFileIngest ingest;
    private final ListenerSettings settings;

    BatchIngestProducer(IngestEndpoint endpoint, BatchFileIngest ingest) {
        super(endpoint);
        this.ingest = ingest;
        this.settings = endpoint.settings();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String parent = exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class);
        byte[] content = exchange.getIn().getBody(byte[].class);
        BatchFileIngest.FileResult result = ingest.ingest(name, content == null ? new byte[0] : content, settings);
        Path folder = Path.of(parent).resolve(result.allAccepted() ? "done" : "error");
        Files.createDirectories(folder);
        write(folder.resolve(name), content == null ? new byte[0] : content);
        write(folder.resolve(name + ".report.txt"), result.report().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        log.info("inbox file processed into {} ({} bytes)", folder.getFileName(), content == null ? 0 : content.length);
    }

    /** Temp file then rename, so a reader of done/ or error/ never sees half a file. */
    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
