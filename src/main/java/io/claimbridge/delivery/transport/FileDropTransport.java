package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import io.claimbridge.delivery.retry.DeliveryFailure;

/**
 * Writes interchanges into a folder a clearinghouse agent picks up from. The file appears under its
 * final name only when complete (hidden temp file, fsync, atomic rename), so a reader never sees
 * half a file and a crash leaves at most a temp file, which the next attempt overwrites.
 */
public final class FileDropTransport implements InterchangeTransport {
    private final Path directory;

    public FileDropTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean holds(String batchKey) {
        return Files.exists(directory.resolve(batchKey));
    }

    @Override
    public void send(String batchKey, byte[] interchange) throws TransportException {
        Path target = directory.resolve(batchKey);
        Path temp = directory.resolve("." + batchKey + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(interchange));
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TransportException(new DeliveryFailure.IoError("writing " + batchKey + " to " + directory
                    + ": " + e.getClass().getSimpleName()), e);
        }
    }
}
