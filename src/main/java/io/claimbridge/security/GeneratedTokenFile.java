package io.claimbridge.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data-dir>/api-token}: the token made on the first start without configured tokens, so
 * the engine is never open and a new user still needs no configuration. Owner-only (0600 where
 * the file system is POSIX), written whole before it appears, and reused on later starts.
 * Logs where it is, never what it holds.
 */
public final class GeneratedTokenFile {
    static final String FILE_NAME = "api-token";
    private static final Logger log = LoggerFactory.getLogger(GeneratedTokenFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    public GeneratedTokenFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    /** The token in the file, made first when there is none. */
    public String loadOrCreate() {
        try {
            if (Files.exists(file)) {
                return load();
            }
            return create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API token file " + file, e);
        }
    }

    private String load() throws IOException {
        String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (token.length() < ApiTokens.MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(file + " holds no usable token (under " + ApiTokens.MIN_TOKEN_LENGTH
                    + " characters): delete it to have a new one generated");
        }
        if (isPosix(file.getParent()) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("{} can be read by other users than its owner: chmod 600 it", file);
        }
        log.info("No API tokens configured (claimbridge.security.tokens): using the token in {}, all roles", file);
        return token;
    }

    private String create() throws IOException {
        Path dir = Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Owner-only from the moment it exists, complete and on disk before it takes the real name.
        FileAttribute<?>[] attrs = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp", attrs);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("No API tokens configured (claimbridge.security.tokens): generated one with all roles into {}"
                + " (send it as 'Authorization: Bearer <token>')", file);
        return token;
    }

    private static boolean isPosix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
