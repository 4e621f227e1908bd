package io.claimbridge.delivery.routing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a destination's payloads go. Pure configuration: the transports that act on it are wired
 * in by the app. Secrets are already resolved here ({@code ${env:NAME}} in the file), so never
 * log a Transport as a whole; {@link #describe()} is the loggable form.
 */
public sealed interface Transport {

    /** A one-line description without secrets, for logs and the delivery log. */
    String describe();

    /** Files written into a folder (atomically: temp file then rename). */
    record FileDrop(Path directory) implements Transport {
        public FileDrop {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String describe() {
            return "file:" + directory;
        }
    }

    /**
     * SFTP upload; password or private key (or both, as the server asks). The server's host key is
     * checked as {@code hostKeyCheck} says before anything is sent.
     */
    record Sftp(String host, int port, String user, String password, KeyFile privateKey, String directory,
                HostKeyCheck hostKeyCheck) implements Transport {
        public Sftp {
            // No check given must never mean "accept any key": the caller chooses, explicitly.
            Objects.requireNonNull(hostKeyCheck, "hostKeyCheck");
        }

        @Override
        public String describe() {
            return "sftp://" + user + "@" + host + ":" + port + directory;
        }

        @Override
        public String toString() {
            return "Sftp[" + describe() + ", password=" + (password == null ? "none" : "***")
                    + ", privateKey=" + privateKey + ", " + hostKeyCheck + "]";
        }
    }

    /**
     * An SSH private key file for logging in (OpenSSH or PEM format; RSA, ECDSA or Ed25519) and its
     * passphrase, null if the file is not encrypted. Read on each login, so a replaced key counts.
     */
    record KeyFile(Path file, String passphrase) {
        public KeyFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + (passphrase == null ? "" : " (passphrase ***)");
        }
    }

    /** How an SFTP server proves it is the clearinghouse and not a man in the middle. */
    sealed interface HostKeyCheck {

        /**
         * The key must be listed for the host in an OpenSSH known_hosts file and/or have one of the
         * pinned fingerprints ({@code SHA256:...}, as {@code ssh-keygen -lf} prints); when both are
         * given, both must agree.
         */
        record Verify(Path knownHosts, List<String> fingerprints) implements HostKeyCheck {
            public Verify {
                fingerprints = List.copyOf(fingerprints);
                if (knownHosts == null && fingerprints.isEmpty()) {
                    throw new IllegalArgumentException("a known_hosts file or a fingerprint is needed");
                }
            }
        }

        /** Any key is accepted: for test labs only, and said loudly at start-up. */
        record Off() implements HostKeyCheck {
        }
    }

    /** HTTP POST of the interchange (e.g. a clearinghouse's batch endpoint). */
    record HttpPost(URI url, Auth auth) implements Transport {
        @Override
        public String describe() {
            return "POST " + url + " (" + auth.describe() + ")";
        }
    }

    /** FHIR server: a transaction Bundle, or Claim/$submit per claim. */
    record Fhir(URI baseUrl, FhirMode mode, Auth auth) implements Transport {
        @Override
        public String describe() {
            return "FHIR " + mode.name().toLowerCase() + " " + baseUrl + " (" + auth.describe() + ")";
        }
    }

    enum FhirMode { TRANSACTION, SUBMIT }

    /** Credentials for HTTP-based transports. */
    sealed interface Auth {
        String describe();

        record None() implements Auth {
            @Override
            public String describe() {
                return "no auth";
            }
        }

        record Bearer(String token) implements Auth {
            @Override
            public String describe() {
                return "bearer token";
            }

            @Override
            public String toString() {
                return "Bearer[***]";
            }
        }

        /** Mutual TLS with a client certificate from a key store (PKCS12 or JKS). */
        record ClientCertificate(Path keyStore, String password, String type) implements Auth {
            @Override
            public String describe() {
                return "client certificate " + keyStore;
            }

            @Override
            public String toString() {
                return "ClientCertificate[" + keyStore + ", " + type + ", password=***]";
            }
        }
    }
}
