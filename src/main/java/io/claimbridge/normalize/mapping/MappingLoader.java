package io.claimbridge.normalize.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Loads and validates {@code mappings/}: {@code code-systems.yaml}, {@code default.yaml} and
 * {@code senders/<sender>.yaml}. Every mistake (unknown key, bad field path, unknown value) fails
 * the load with "file:line: what", because an analyst edits these files without a compiler.
 *
 * <p>YAML is composed to a node tree with SnakeYAML's safe constructor only: no object
 * construction from tags, and the nodes keep their line numbers for the error messages.
 */
public final class MappingLoader {

    /** Segments a path may name (besides Z-segments), with their highest field number in v2.8.1 (generous). */
    private static final Map<String, Integer> SEGMENT_FIELDS = Map.ofEntries(
            Map.entry("MSH", 28), Map.entry("EVN", 7), Map.entry("PID", 40), Map.entry("PD1", 22),
            Map.entry("NK1", 41), Map.entry("PV1", 54), Map.entry("PV2", 50), Map.entry("DG1", 26),
            Map.entry("DRG", 15), Map.entry("PR1", 25), Map.entry("IN1", 56), Map.entry("IN2", 72),
            Map.entry("IN3", 31), Map.entry("GT1", 57), Map.entry("ROL", 14), Map.entry("PRT", 24),
            Map.entry("FT1", 55), Map.entry("OBX", 33), Map.entry("AL1", 6), Map.entry("ACC", 11),
            Map.entry("UB1", 23), Map.entry("UB2", 17), Map.entry("MRG", 7), Map.entry("NTE", 4));

    private static final Set<String> TOP_KEYS = Set.of("fields", "structures", "defaults", "patientClasses", "events", "codeSystemAliases");
    private static final Set<String> DEFAULT_KEYS = Set.of("timeZone", "claimType", "codingSystems", "billingProvider");
    private static final Set<String> CLASS_KEYS = Set.of("encounterClass", "claimType", "typeOfBill", "placeOfService");
    private static final Set<String> PROVIDER_KEYS = Set.of("name", "npi", "taxId", "address");
    private static final Set<String> ADDRESS_KEYS = Set.of("line1", "line2", "city", "state", "postalCode");
    private static final Set<String> ENCOUNTER_CLASSES = Set.of("IMP", "AMB", "EMER", "OBSENC", "PRENC", "SS", "HH", "VR", "FLD", "ACUTE", "NONAC");

    private MappingLoader() {
    }

    /** All mappings under {@code dir}: the default plus one per file in {@code dir/senders}. */
    public static Mappings load(Path dir) {
        Path csFile = dir.resolve("code-systems.yaml");
        Map<String, String> aliases = loadAliases(csFile);
        Layer base = readLayer(dir.resolve("default.yaml"), true);
        Map<String, Layer> senders = new TreeMap<>();
        Path senderDir = dir.resolve("senders");
        if (Files.isDirectory(senderDir)) {
            try (Stream<Path> files = Files.list(senderDir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                        senders.put(name.substring(0, name.lastIndexOf('.')), readLayer(f, false));
                    }
                }
            } catch (IOException e) {
                throw new MappingException("cannot list " + senderDir + ": " + e.getMessage(), e);
            }
        }
        Map<String, SenderMapping> built = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : senders.entrySet()) {
            built.put(e.getKey(), resolve(e.getKey(), base, e.getValue(), aliases));
        }
        return new Mappings(base, aliases, built);
    }

    static SenderMapping resolve(String sender, Layer base, Layer over, Map<String, String> aliases) {
        Layer l = base.overlay(over);
        Map<String, String> merged = new HashMap<>(aliases);
        l.codeSystemAliases.forEach((k, v) -> merged.put(k.toUpperCase(Locale.ROOT), v));
        PatientClassRule dflt = l.patientClasses.get("default");
        if (dflt == null) {
            throw new MappingException(base.file + ": patientClasses must have a 'default' entry");
        }
        Map<String, PatientClassRule> classes = new HashMap<>(l.patientClasses);
        if (l.forcedClaimType != null) {
            // A sender that bills every visit on one form (e.g. a hospital billing outpatient as 837I).
            classes.replaceAll((k, r) -> new PatientClassRule(r.encounterClass(), l.forcedClaimType, r.typeOfBill(), r.placeOfService()));
            dflt = classes.get("default");
        }
        return new SenderMapping(sender, l.fields, l.structures, l.timeZone == null ? ZoneId.of("UTC") : l.timeZone,
                l.forcedClaimType == null ? dflt.claimType() : l.forcedClaimType, dflt, classes,
                l.codingSystems, l.billingProvider == null ? BillingProvider.NONE : l.billingProvider,
                l.events, new CodeSystems(merged, sender));
    }

    // ---- reading ---------------------------------------------------------------------------

    /** One mapping file as read (only what it sets); {@link #overlay} lays a sender file over the default. */
    static final class Layer {
        final String file;
        final Map<MappedField, FieldPath> fields = new EnumMap<>(MappedField.class);
        /** Per message structure (e.g. DFT_P03): fields that differ from {@link #fields} for that structure only. */
        final Map<String, Map<MappedField, FieldPath>> structures = new HashMap<>();
        ZoneId timeZone;
        ClaimKind forcedClaimType;
        final Map<CodeContext, String> codingSystems = new EnumMap<>(CodeContext.class);
        BillingProvider billingProvider;
        final Map<String, PatientClassRule> patientClasses = new HashMap<>();
        final Map<String, LedgerEvent> events = new HashMap<>();
        final Map<String, String> codeSystemAliases = new HashMap<>();

        Layer(String file) {
            this.file = file;
        }

        Layer overlay(Layer o) {
            Layer r = new Layer(o.file);
            r.fields.putAll(fields);
            r.fields.putAll(o.fields);
            // Precedence: default fields < default structure fields < sender fields < sender structure fields.
            structures.forEach((s, m) -> {
                Map<MappedField, FieldPath> copy = new EnumMap<>(MappedField.class);
                copy.putAll(m);
                copy.keySet().removeAll(o.fields.keySet());
                r.structures.put(s, copy);
            });
            o.structures.forEach((s, m) -> r.structures.computeIfAbsent(s, k -> new EnumMap<>(MappedField.class)).putAll(m));
            r.timeZone = o.timeZone != null ? o.timeZone : timeZone;
            r.forcedClaimType = o.forcedClaimType != null ? o.forcedClaimType : forcedClaimType;
            r.codingSystems.putAll(codingSystems);
            r.codingSystems.putAll(o.codingSystems);
            r.billingProvider = o.billingProvider != null ? o.billingProvider : billingProvider;
            r.patientClasses.putAll(patientClasses);
            r.patientClasses.putAll(o.patientClasses);
            r.events.putAll(events);
            r.events.putAll(o.events);
            r.codeSystemAliases.putAll(codeSystemAliases);
            r.codeSystemAliases.putAll(o.codeSystemAliases);
            return r;
        }
    }

    static Layer readLayer(Path file, boolean required) {
        String name = file.toString();
        Layer layer = new Layer(name);
        Node root = compose(file, required);
        if (root == null) {
            return layer;
        }
        for (Map.Entry<String, NodeTuple> top : entries(root, name).entrySet()) {
            String key = top.getKey();
            Node v = top.getValue().getValueNode();
            switch (key) {
                case "fields" -> entries(v, name).forEach((k, t) -> layer.fields.put(mappedField(k, t, name),
                        mappedPath(mappedField(k, t, name), t.getValueNode(), name)));
                case "structures" -> entries(v, name).forEach((s, st) -> {
                    if (!s.matches("[A-Z]{3}_[A-Z0-9]{3}")) {
                        throw MappingException.at(name, line(st.getKeyNode()), "'" + s + "' is not a message structure (e.g. ADT_A01, DFT_P03)");
                    }
                    Map<String, NodeTuple> inner = entries(st.getValueNode(), name);
                    checkKeys(inner, Set.of("fields"), name);
                    Map<MappedField, FieldPath> m = new EnumMap<>(MappedField.class);
                    if (inner.containsKey("fields")) {
                        entries(inner.get("fields").getValueNode(), name).forEach((k, t) -> m.put(mappedField(k, t, name),
                                mappedPath(mappedField(k, t, name), t.getValueNode(), name)));
                    }
                    layer.structures.put(s, m);
                });
                case "defaults" -> entries(v, name).forEach((k, t) -> readDefault(layer, k, t, name));
                case "patientClasses" -> entries(v, name).forEach((k, t) -> layer.patientClasses.put(k.toUpperCase(Locale.ROOT).equals("DEFAULT") ? "default" : k.toUpperCase(Locale.ROOT), patientClass(t.getValueNode(), name)));
                case "events" -> entries(v, name).forEach((k, t) -> {
                    try {
                        layer.events.put(k.toUpperCase(Locale.ROOT), LedgerEvent.byKey(scalar(t.getValueNode(), name)));
                    } catch (IllegalArgumentException e) {
                        throw MappingException.at(name, line(t.getValueNode()), e.getMessage());
                    }
                });
                case "codeSystemAliases" -> entries(v, name).forEach((k, t) -> layer.codeSystemAliases.put(k, uri(t.getValueNode(), name)));
                default -> throw MappingException.at(name, line(top.getValue().getKeyNode()),
                        "unknown key '" + key + "' (allowed: " + String.join(", ", new TreeMap<>(toMap(TOP_KEYS)).keySet()) + ")");
            }
        }
        return layer;
    }

    private static void readDefault(Layer layer, String k, NodeTuple t, String file) {
        Node v = t.getValueNode();
        switch (k) {
            case "timeZone" -> {
                try {
                    layer.timeZone = ZoneId.of(scalar(v, file));
                } catch (DateTimeException e) {
                    throw MappingException.at(file, line(v), "unknown time zone '" + scalar(v, file) + "'");
                }
            }
            case "claimType" -> layer.forcedClaimType = claimKind(v, file);
            case "codingSystems" -> entries(v, file).forEach((ck, ct) -> {
                CodeContext ctx = switch (ck) {
                    case "diagnosis" -> CodeContext.DIAGNOSIS;
                    case "procedure" -> CodeContext.PROCEDURE;
                    case "charge" -> CodeContext.CHARGE;
                    default -> throw MappingException.at(file, line(ct.getKeyNode()), "unknown code context '" + ck + "' (allowed: diagnosis, procedure, charge)");
                };
                String s = scalarOrNull(ct.getValueNode(), file);
                if (s != null) {
                    layer.codingSystems.put(ctx, s);
                }
            });
            case "billingProvider" -> {
                Map<String, NodeTuple> m = entries(v, file);
                checkKeys(m, PROVIDER_KEYS, file);
                BillingProvider.Address address = null;
                if (m.containsKey("address")) {
                    Map<String, NodeTuple> a = entries(m.get("address").getValueNode(), file);
                    checkKeys(a, ADDRESS_KEYS, file);
                    address = new BillingProvider.Address(opt(a, "line1", file), opt(a, "line2", file),
                            opt(a, "city", file), opt(a, "state", file), opt(a, "postalCode", file));
                }
                layer.billingProvider = new BillingProvider(opt(m, "name", file), opt(m, "npi", file), opt(m, "taxId", file),
                        address);
                if (layer.billingProvider.npi() != null && !layer.billingProvider.npi().matches("\\d{10}")) {
                    throw MappingException.at(file, line(m.get("npi").getValueNode()), "npi must be 10 digits");
                }
            }
            default -> throw MappingException.at(file, line(t.getKeyNode()), "unknown key 'defaults." + k + "' (allowed: " + String.join(", ", new TreeMap<>(toMap(DEFAULT_KEYS)).keySet()) + ")");
        }
    }

    private static PatientClassRule patientClass(Node v, String file) {
        Map<String, NodeTuple> m = entries(v, file);
        checkKeys(m, CLASS_KEYS, file);
        String cls = opt(m, "encounterClass", file);
        if (cls == null || !ENCOUNTER_CLASSES.contains(cls)) {
            throw MappingException.at(file, line(v), "encounterClass must be one of " + new TreeMap<>(toMap(ENCOUNTER_CLASSES)).keySet());
        }
        if (!m.containsKey("claimType")) {
            throw MappingException.at(file, line(v), "claimType is required");
        }
        return new PatientClassRule(cls, claimKind(m.get("claimType").getValueNode(), file), opt(m, "typeOfBill", file), opt(m, "placeOfService", file));
    }

    private static ClaimKind claimKind(Node v, String file) {
        try {
            return ClaimKind.fromCode(scalar(v, file));
        } catch (IllegalArgumentException e) {
            throw MappingException.at(file, line(v), e.getMessage());
        }
    }

    private static MappedField mappedField(String key, NodeTuple t, String file) {
        return MappedField.byKey(key).orElseThrow(() -> MappingException.at(file, line(t.getKeyNode()),
                "unknown field '" + key + "' (known: " + knownFields() + ")"));
    }

    /** A field's path; one read per occurrence of a repeating segment must name that segment. */
    private static FieldPath mappedPath(MappedField f, Node v, String file) {
        FieldPath p = path(v, file);
        if (f.perSegment() != null && !f.perSegment().equals(p.segment())) {
            throw MappingException.at(file, line(v), f.key() + " is read from each " + f.perSegment()
                    + " segment: its path must be an " + f.perSegment() + " field (e.g. " + f.perSegment() + "-5), not " + p.segment());
        }
        return p;
    }

    static FieldPath path(Node v, String file) {
        String text = scalar(v, file);
        FieldPath p;
        try {
            p = FieldPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw MappingException.at(file, line(v), e.getMessage());
        }
        if (!p.isZSegment()) {
            Integer max = SEGMENT_FIELDS.get(p.segment());
            if (max == null) {
                throw MappingException.at(file, line(v), "unknown segment '" + p.segment() + "' in '" + text + "'");
            }
            if (p.field() > max) {
                throw MappingException.at(file, line(v), p.segment() + " has no field " + p.field() + " (max " + max + ")");
            }
        }
        return p;
    }

    private static Map<String, String> loadAliases(Path file) {
        String name = file.toString();
        Node root = compose(file, true);
        Map<String, String> aliases = new HashMap<>();
        Map<String, NodeTuple> top = entries(root, name);
        checkKeys(top, Set.of("aliases"), name);
        if (top.containsKey("aliases")) {
            entries(top.get("aliases").getValueNode(), name).forEach((k, t) -> aliases.put(k.toUpperCase(Locale.ROOT), uri(t.getValueNode(), name)));
        }
        return aliases;
    }

    private static String uri(Node v, String file) {
        String s = scalar(v, file);
        if (!s.matches("(https?://|urn:)\\S+")) {
            throw MappingException.at(file, line(v), "'" + s + "' is not a code-system URI");
        }
        return s;
    }

    // ---- YAML node helpers -----------------------------------------------------------------

    private static Node compose(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new MappingException(file + ": file not found");
            }
            return null;
        }
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(10);
        opts.setCodePointLimit(1_000_000);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(opts)).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw MappingException.at(file.toString(), line, "YAML syntax: " + e.getProblem());
        } catch (IOException e) {
            throw new MappingException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NodeTuple> entries(Node n, String file) {
        if (!(n instanceof MappingNode m)) {
            throw MappingException.at(file, line(n), "expected a map of key: value");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode(), file);
            if (out.put(k, t) != null) {
                throw MappingException.at(file, line(t.getKeyNode()), "duplicate key '" + k + "'");
            }
        }
        return out;
    }

    private static void checkKeys(Map<String, NodeTuple> m, Set<String> allowed, String file) {
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw MappingException.at(file, line(e.getValue().getKeyNode()),
                        "unknown key '" + e.getKey() + "' (allowed: " + String.join(", ", new TreeMap<>(toMap(allowed)).keySet()) + ")");
            }
        }
    }

    private static String opt(Map<String, NodeTuple> m, String key, String file) {
        NodeTuple t = m.get(key);
        return t == null ? null : scalarOrNull(t.getValueNode(), file);
    }

    private static String scalar(Node n, String file) {
        String s = scalarOrNull(n, file);
        if (s == null) {
            throw MappingException.at(file, line(n), "value must not be empty");
        }
        return s;
    }

    private static String scalarOrNull(Node n, String file) {
        if (!(n instanceof ScalarNode s)) {
            throw MappingException.at(file, line(n), "expected a single value");
        }
        String v = s.getValue();
        return v == null || v.isBlank() || "null".equals(v) || "~".equals(v) ? null : v.trim();
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String knownFields() {
        return String.join(", ", List.of(MappedField.values()).stream().map(MappedField::key).sorted().toList());
    }

    private static Map<String, Boolean> toMap(Set<String> s) {
        Map<String, Boolean> m = new HashMap<>();
        s.forEach(k -> m.put(k, true));
        return m;
    }
}
