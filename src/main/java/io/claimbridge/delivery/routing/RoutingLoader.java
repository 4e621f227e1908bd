package io.claimbridge.delivery.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.claimbridge.delivery.retry.RetryPolicy;
import io.claimbridge.delivery.x12.X12Envelope;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads the payer routing file ({@code routes/payers/routing.yml}, format in
 * {@code routes/payers/README.md}) into a {@link RoutingTable}. It lives in its own folder with a
 * {@code .yml} suffix so the Camel YAML DSL loader, which reads {@code routes/*.yaml}, never
 * mistakes it for a route.
 *
 * <p>The YAML is read as a node tree (no object construction, so no YAML gadget tricks), and
 * every error names the file and line. Unknown keys are errors: a typo in {@code maxAtempts} must
 * not silently fall back to a default. {@code ${env:NAME}} is replaced from the environment and
 * {@code ${dataDir}} with the data directory.
 */
public final class RoutingLoader {

    /** Where the routing file is looked for, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("routes", "payers", "routing.yml");

    /**
     * The host keys an SFTP destination is checked against when it names neither a knownHosts file
     * nor a fingerprint: the engine user's own, as the OpenSSH client would.
     */
    public static final Path USER_KNOWN_HOSTS = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    /** OpenSSH's form (ssh-keygen -lf): SHA-256 in unpadded base64; the padding is tolerated. */
    private static final Pattern FINGERPRINT = Pattern.compile("(SHA256:[A-Za-z0-9+/]{43})=?");
    private static final int MAX_FILE_CHARS = 1_000_000;

    private final Path dataDir;
    private final Function<String, String> env;

    /**
     * @param env environment lookup for {@code ${env:NAME}} ({@code System::getenv} in the app)
     */
    public RoutingLoader(Path dataDir, Function<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    /** The routing file if it exists, else {@link RoutingTable#defaults}. */
    public RoutingTable loadOrDefault(Path file) {
        return Files.exists(file) ? load(file) : RoutingTable.defaults(dataDir);
    }

    public RoutingTable load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new RoutingException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    public RoutingTable parse(String yaml, String source) {
        return parse(new StringReader(yaml), source);
    }

    public RoutingTable parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new RoutingException(source, m == null ? 0 : m.getLine() + 1, "YAML syntax: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RoutingException(source, 0, "YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new RoutingException(source, 1, "file is empty: it needs destinations and payers");
        }
        return new Parse(source).table(root);
    }

    /** One parse of one file: knows the source name for error messages. */
    private final class Parse {
        private final String source;

        Parse(String source) {
            this.source = source;
        }

        RoutingTable table(Node root) {
            Section top = section(root, "top level");
            top.allow("version", "defaults", "destinations", "payers");
            String version = top.string("version", "1");
            if (!version.equals("1")) {
                throw error(top.node("version"), "version " + version + " is not supported (only 1)");
            }
            BatchPolicy defaultBatch = BatchPolicy.DEFAULT;
            RetryPolicy defaultRetry = RetryPolicy.DEFAULT;
            Section defaults = top.optionalSection("defaults");
            if (defaults != null) {
                defaults.allow("batch", "retry");
                defaultBatch = batch(defaults.optionalSection("batch"), BatchPolicy.DEFAULT);
                defaultRetry = retry(defaults.optionalSection("retry"), RetryPolicy.DEFAULT);
            }
            Section dests = top.requiredSection("destinations");
            Map<String, Destination> destinations = new LinkedHashMap<>();
            for (NodeTuple t : dests.tuples()) {
                String name = scalar(t.getKeyNode(), "destination name");
                if (!NAME.matcher(name).matches()) {
                    throw error(t.getKeyNode(), "destination name '" + name + "' must be letters, digits, . _ -");
                }
                destinations.put(name, destination(name, section(t.getValueNode(), "destination " + name),
                        defaultBatch, defaultRetry));
            }
            if (destinations.isEmpty()) {
                throw error(dests.node, "destinations is empty");
            }
            Section payers = top.requiredSection("payers");
            Map<String, List<Destination>> byPayer = new LinkedHashMap<>();
            List<Destination> fallback = null;
            for (NodeTuple t : payers.tuples()) {
                String payer = scalar(t.getKeyNode(), "payer id");
                List<Destination> targets = targets(t.getValueNode(), destinations, payer);
                if (payer.equals(RoutingTable.ANY_PAYER)) {
                    fallback = targets;
                } else {
                    byPayer.put(payer, targets);
                }
            }
            if (fallback == null) {
                throw error(payers.node, "payers has no \"*\" entry: every claim needs a route");
            }
            return new RoutingTable(byPayer, fallback, destinations);
        }

        private List<Destination> targets(Node node, Map<String, Destination> destinations, String payer) {
            List<Node> names = items(node);
            if (names.isEmpty()) {
                throw error(node, "payer " + payer + " routes to no destination");
            }
            List<Destination> out = new ArrayList<>();
            for (Node n : names) {
                String name = scalar(n, "destination name");
                Destination d = destinations.get(name);
                if (d == null) {
                    throw error(n, "payer " + payer + " routes to unknown destination '" + name + "'");
                }
                if (out.contains(d)) {
                    throw error(n, "payer " + payer + " lists destination '" + name + "' twice");
                }
                out.add(d);
            }
            return out;
        }

        private Destination destination(String name, Section s, BatchPolicy defaultBatch, RetryPolicy defaultRetry) {
            s.allow("format", "transport", "x12", "batch", "retry");
            String formatText = s.string("format", null);
            DeliveryFormat format = formatText == null ? null : DeliveryFormat.parse(formatText);
            if (format == null) {
                throw error(formatText == null ? s.node : s.node("format"),
                        "destination " + name + ": format must be 837P, 837I, AUTO or FHIR_CLAIM");
            }
            Section ts = s.requiredSection("transport");
            Transport transport = transport(name, ts);
            if (format == DeliveryFormat.FHIR_CLAIM && !(transport instanceof Transport.Fhir)) {
                throw error(ts.node, "destination " + name + ": FHIR_CLAIM needs a fhir transport");
            }
            if (format.isX12() && transport instanceof Transport.Fhir) {
                throw error(ts.node, "destination " + name + ": a fhir transport cannot carry " + format.spelling());
            }
            X12Partner x12 = null;
            Section xs = s.optionalSection("x12");
            if (format.isX12()) {
                if (xs == null && !(transport instanceof Transport.FileDrop)) {
                    throw error(s.node, "destination " + name + ": an 837 destination needs an x12 section "
                            + "(ISA/GS ids, submitter, receiver)");
                }
                x12 = xs == null ? X12Partner.DEFAULT : x12(name, xs);
            } else if (xs != null) {
                throw error(xs.node, "destination " + name + ": x12 settings on a FHIR_CLAIM destination");
            }
            return new Destination(name, format, transport, x12, batch(s.optionalSection("batch"), defaultBatch),
                    retry(s.optionalSection("retry"), defaultRetry));
        }

        private Transport transport(String name, Section s) {
            String type = s.string("type", null);
            if (type == null) {
                throw error(s.node, "destination " + name + ": transport needs a type (file, sftp, http, fhir)");
            }
            switch (type) {
                case "file" -> {
                    s.allow("type", "directory");
                    return new Transport.FileDrop(Path.of(s.requiredString("directory")));
                }
                case "sftp" -> {
                    s.allow("type", "host", "port", "user", "password", "privateKey", "privateKeyPassphrase",
                            "directory", "knownHosts", "hostKeyFingerprint", "hostKeyCheck");
                    String password = s.string("password", null);
                    String key = s.string("privateKey", null);
                    String passphrase = s.string("privateKeyPassphrase", null);
                    if (password == null && key == null) {
                        throw error(s.node, "destination " + name + ": sftp needs a password or a privateKey");
                    }
                    if (key == null && passphrase != null) {
                        throw error(s.node("privateKeyPassphrase"),
                                "destination " + name + ": privateKeyPassphrase without a privateKey");
                    }
                    int port = s.integer("port", 22, 1, 65535);
                    return new Transport.Sftp(s.requiredString("host"), port, s.requiredString("user"), password,
                            key == null ? null : new Transport.KeyFile(Path.of(key), passphrase),
                            s.requiredString("directory"), hostKeyCheck(name, s));
                }
                case "http" -> {
                    s.allow("type", "url", "auth");
                    return new Transport.HttpPost(url(s, "url"), auth(s.optionalSection("auth")));
                }
                case "fhir" -> {
                    s.allow("type", "baseUrl", "mode", "auth");
                    String mode = s.string("mode", "transaction");
                    Transport.FhirMode fm = switch (mode) {
                        case "transaction" -> Transport.FhirMode.TRANSACTION;
                        case "$submit", "submit" -> Transport.FhirMode.SUBMIT;
                        default -> throw error(s.node("mode"), "fhir mode must be transaction or $submit");
                    };
                    return new Transport.Fhir(url(s, "baseUrl"), fm, auth(s.optionalSection("auth")));
                }
                default -> throw error(s.node("type"),
                        "destination " + name + ": transport type '" + type + "' is not file, sftp, http or fhir");
            }
        }

        /**
         * Neither knownHosts nor hostKeyFingerprint means {@link RoutingLoader#USER_KNOWN_HOSTS},
         * never "any key": accepting any key takes an explicit {@code hostKeyCheck: off}.
         */
        private Transport.HostKeyCheck hostKeyCheck(String name, Section s) {
            String knownHosts = s.string("knownHosts", null);
            List<String> fingerprints = new ArrayList<>();
            if (s.has("hostKeyFingerprint")) {
                List<Node> items = items(s.node("hostKeyFingerprint"));
                if (items.isEmpty()) {
                    throw error(s.node("hostKeyFingerprint"), "destination " + name + ": hostKeyFingerprint is empty");
                }
                for (Node n : items) {
                    String text = scalar(n, "hostKeyFingerprint");
                    Matcher m = FINGERPRINT.matcher(text);
                    if (!m.matches()) {
                        throw error(n, "destination " + name + ": hostKeyFingerprint must be SHA256: and 43 base64 "
                                + "characters, as ssh-keygen -lf prints it, was '" + text + "'");
                    }
                    fingerprints.add(m.group(1));
                }
            }
            String check = s.string("hostKeyCheck", "strict");
            switch (check) {
                case "strict" -> {
                    if (knownHosts == null && fingerprints.isEmpty()) {
                        return new Transport.HostKeyCheck.Verify(USER_KNOWN_HOSTS, List.of());
                    }
                    return new Transport.HostKeyCheck.Verify(knownHosts == null ? null : Path.of(knownHosts),
                            fingerprints);
                }
                case "off" -> {
                    if (knownHosts != null || !fingerprints.isEmpty()) {
                        throw error(s.node("hostKeyCheck"), "destination " + name
                                + ": hostKeyCheck: off contradicts knownHosts/hostKeyFingerprint");
                    }
                    return new Transport.HostKeyCheck.Off();
                }
                default -> throw error(s.node("hostKeyCheck"),
                        "destination " + name + ": hostKeyCheck must be strict or off, was '" + check + "'");
            }
        }

        private URI url(Section s, String key) {
            String text = s.requiredString(key);
            try {
                URI uri = new URI(text);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw error(s.node(key), key + " must be an http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw error(s.node(key), key + " is not a URL: " + e.getReason());
            }
        }

        private Transport.Auth auth(Section s) {
            if (s == null) {
                return new Transport.Auth.None();
            }
            s.allow("bearerToken", "clientCertificate");
            String token = s.string("bearerToken", null);
            Section cert = s.optionalSection("clientCertificate");
            if (token != null && cert != null) {
                throw error(s.node, "auth: bearerToken or clientCertificate, not both");
            }
            if (token != null) {
                return new Transport.Auth.Bearer(token);
            }
            if (cert != null) {
                cert.allow("keyStore", "password", "type");
                return new Transport.Auth.ClientCertificate(Path.of(cert.requiredString("keyStore")),
                        cert.requiredString("password"), cert.string("type", "PKCS12"));
            }
            throw error(s.node, "auth needs bearerToken or clientCertificate");
        }

        private X12Partner x12(String name, Section s) {
            s.allow("usage", "acknowledgment", "sender", "receiver", "gsSender", "gsReceiver", "submitter",
                    "receiverName");
            String usage = s.string("usage", "T");
            if (!usage.equals("T") && !usage.equals("P")) {
                throw error(s.node("usage"), "usage must be T (test) or P (production)");
            }
            Section sender = s.requiredSection("sender");
            sender.allow("qualifier", "id");
            Section receiver = s.requiredSection("receiver");
            receiver.allow("qualifier", "id");
            Section sub = s.requiredSection("submitter");
            sub.allow("name", "id", "contact", "phone", "email");
            String senderId = sender.requiredString("id");
            String receiverId = receiver.requiredString("id");
            X12Partner p = new X12Partner(sender.string("qualifier", "ZZ"), senderId, receiver.string("qualifier", "ZZ"),
                    receiverId, s.string("gsSender", senderId), s.string("gsReceiver", receiverId),
                    X12Envelope.Usage.valueOf(usage), s.bool("acknowledgment", false), sub.requiredString("name"),
                    sub.requiredString("id"), sub.string("contact", null), sub.string("phone", null),
                    sub.string("email", null), s.requiredString("receiverName"));
            try {
                p.toEnvelope();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw error(s.node, "destination " + name + ": x12 " + e.getMessage());
            }
            return p;
        }

        private BatchPolicy batch(Section s, BatchPolicy fallback) {
            if (s == null) {
                return fallback;
            }
            s.allow("maxClaims", "maxSeconds");
            return new BatchPolicy(s.integer("maxClaims", fallback.maxClaims(), 1, 5000),
                    Duration.ofSeconds(s.integer("maxSeconds", (int) fallback.maxWait().toSeconds(), 1, 86_400)));
        }

        private RetryPolicy retry(Section s, RetryPolicy fallback) {
            if (s == null) {
                return fallback;
            }
            s.allow("maxAttempts", "initialBackoff", "multiplier", "maxBackoff", "jitter");
            try {
                return new RetryPolicy(s.integer("maxAttempts", fallback.maxAttempts(), 1, 1000),
                        s.duration("initialBackoff", fallback.initialBackoff()),
                        s.decimal("multiplier", fallback.multiplier()),
                        s.duration("maxBackoff", fallback.maxBackoff()),
                        s.decimal("jitter", fallback.jitter()));
            } catch (IllegalArgumentException e) {
                throw error(s.node, "retry: " + e.getMessage());
            }
        }

        /** A single value or a list of them, as the items of a list. */
        private static List<Node> items(Node node) {
            return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        }

        private Section section(Node node, String what) {
            if (!(node instanceof MappingNode m)) {
                throw error(node, what + " must be a mapping");
            }
            return new Section(m);
        }

        private String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode s)) {
                throw error(node, what + " must be a single value");
            }
            return resolve(s);
        }

        private String resolve(ScalarNode node) {
            String value = node.getValue();
            Matcher m = PLACEHOLDER.matcher(value);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String key = m.group(1);
                String replacement;
                if (key.equals("dataDir")) {
                    replacement = dataDir.toString();
                } else if (key.startsWith("env:")) {
                    replacement = env.apply(key.substring(4));
                    if (replacement == null) {
                        throw error(node, "environment variable " + key.substring(4) + " is not set");
                    }
                } else {
                    throw error(node, "unknown placeholder ${" + key + "} (use ${env:NAME} or ${dataDir})");
                }
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            return b.toString().trim();
        }

        private RoutingException error(Node node, String message) {
            int line = node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            return new RoutingException(source, line, message);
        }

        /** A YAML mapping with typed, line-aware accessors. */
        private final class Section {
            private final MappingNode node;
            private final Map<String, NodeTuple> byKey = new LinkedHashMap<>();

            Section(MappingNode node) {
                this.node = node;
                for (NodeTuple t : node.getValue()) {
                    String key = scalar(t.getKeyNode(), "key");
                    if (byKey.put(key, t) != null) {
                        throw error(t.getKeyNode(), "duplicate key '" + key + "'");
                    }
                }
            }

            List<NodeTuple> tuples() {
                return node.getValue();
            }

            void allow(String... keys) {
                Set<String> allowed = Set.of(keys);
                for (Map.Entry<String, NodeTuple> e : byKey.entrySet()) {
                    if (!allowed.contains(e.getKey())) {
                        throw error(e.getValue().getKeyNode(), "unknown key '" + e.getKey() + "' (expected one of "
                                + String.join(", ", keys) + ")");
                    }
                }
            }

            boolean has(String key) {
                return byKey.containsKey(key);
            }

            Node node(String key) {
                NodeTuple t = byKey.get(key);
                return t == null ? node : t.getValueNode();
            }

            Section optionalSection(String key) {
                NodeTuple t = byKey.get(key);
                return t == null ? null : section(t.getValueNode(), key);
            }

            Section requiredSection(String key) {
                Section s = optionalSection(key);
                if (s == null) {
                    throw error(node, "missing '" + key + "'");
                }
                return s;
            }

            String string(String key, String fallback) {
                NodeTuple t = byKey.get(key);
                if (t == null) {
                    return fallback;
                }
                String v = scalar(t.getValueNode(), key);
                return v.isEmpty() ? fallback : v;
            }

            String requiredString(String key) {
                String v = string(key, null);
                if (v == null) {
                    throw error(node, "missing '" + key + "'");
                }
                return v;
            }

            int integer(String key, int fallback, int min, int max) {
                String v = string(key, null);
                if (v == null) {
                    return fallback;
                }
                try {
                    int i = Integer.parseInt(v);
                    if (i < min || i > max) {
                        throw error(node(key), key + " must be " + min + ".." + max + ", was " + i);
                    }
                    return i;
                } catch (NumberFormatException e) {
                    throw error(node(key), key + " must be a whole number, was '" + v + "'");
                }
            }

            double decimal(String key, double fallback) {
                String v = string(key, null);
                if (v == null) {
                    return fallback;
                }
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw error(node(key), key + " must be a number, was '" + v + "'");
                }
            }

            boolean bool(String key, boolean fallback) {
                String v = string(key, null);
                if (v == null) {
                    return fallback;
                }
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> true;
                    case "false", "no" -> false;
                    default -> throw error(node(key), key + " must be true or false");
                };
            }

            /** "500ms", "5s", "10m", "1h" or ISO-8601 "PT5S". */
            Duration duration(String key, Duration fallback) {
                String v = string(key, null);
                if (v == null) {
                    return fallback;
                }
                Matcher m = DURATION.matcher(v);
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    return switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    };
                }
                try {
                    return Duration.parse(v);
                } catch (DateTimeParseException e) {
                    throw error(node(key), key + " must be a duration like 500ms, 5s, 10m, 1h, was '" + v + "'");
                }
            }
        }
    }
}
