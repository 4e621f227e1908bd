package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * The positional reader must read every position exactly as HAPI's typed model did (the parser
 * this normalizer used before): same segments in the same order, same repetition counts, same
 * values at every field/repetition/component/subcomponent, same structure name, same refusals.
 */
class Hl7v2ParserEquivalenceTest {

    private static final Hl7v2Parser FAST = new Hl7v2Parser();
    private static final PipeParser HAPI = hapi();

    static Stream<String> messages() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/hl7"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".hl7")).sorted().toList()) {
                out.addAll(Hl7v2Parser.splitBatch(Files.readString(f)));
            }
        }
        String a08 = out.stream().filter(m -> m.contains("ADT^A08")).findFirst().orElseThrow();
        // Escapes, repetitions with empty members, trailing separators, empty and whitespace-led
        // segments, Z-segments, HL7 nulls, subcomponents in primitives, no MSH-9.3.
        out.add(a08.replace("ADT^A08^ADT_A01", "ADT^A08")
                .replace("EVERYMAN^ADAM", "O\\T\\BRIEN\\F\\X^AD\\S\\AM\\E\\\\R\\x")
                .replace("PID|1||", "PID|1||~~")
                + "ZZZ|\"\"|a&b^c~~d|||\r NTE|1\r\r|||\rNTE|^^~&|\rPV2|~|^\rZX1\rAL1|1||x&&y^^\r");
        out.add(a08.replace("ADT^A08^ADT_A01", "ADT^A04").replace("|2.5.1", "|2.3^US&x"));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void readsEveryPositionAsHapiDid(String raw) throws HL7Exception {
        V2Message fast = FAST.parse(raw);
        Message m = HAPI.parse(Hl7v2Parser.withKnownVersion(Hl7v2Parser.clean(raw)));
        List<Segment> ref = new ArrayList<>();
        flatten(m, ref);
        String declared = hapiGet(ref.get(0), 9, 0, 3, 1);
        assertThat(fast.structure()).isEqualTo(declared != null ? declared : m.getName());
        assertThat(fast.segments()).extracting(V2Segment::getName).containsExactlyElementsOf(ref.stream().map(Segment::getName).toList());
        for (int i = 0; i < ref.size(); i++) {
            Segment h = ref.get(i);
            V2Segment f = fast.segments().get(i);
            for (int field = 1; field <= Math.max(h.numFields(), f.numFields()) + 1; field++) {
                int reps = field > h.numFields() ? 0 : h.getField(field).length;
                assertThat(f.repetitions(field)).as("%s-%d repetitions", h.getName(), field).isEqualTo(reps);
                for (int rep = 0; rep <= reps; rep++) {
                    for (int comp = 1; comp <= 12; comp++) {
                        // Subcomponents where HAPI's model has them; in a primitive it aliased sub k to
                        // component k, which no mapping relies on (reads below that are plain text).
                        int subs = rep < reps && hasSubcomponents(h.getField(field, rep), comp) ? 4 : 1;
                        for (int sub = 1; sub <= subs; sub++) {
                            assertThat(V2Message.get(f, field, rep, comp, sub)).as("%s-%d(%d).%d.%d", h.getName(), field, rep, comp, sub)
                                    .isEqualTo(hapiGet(h, field, rep, comp, sub));
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusesWhatHapiRefused() {
        for (String bad : List.of("MSH|^~\\&|A|B|C|D|20260101||ADT|1|P|2.5.1\rPID|1", "MSH|^~|A|B|C|D|20260101||ADT^A01|1|P|2.5.1\r",
                "MSH|^~\\&|A|B\r", "MSH|")) {
            assertThatThrownBy(() -> HAPI.parse(Hl7v2Parser.withKnownVersion(bad))).as(bad).isInstanceOf(HL7Exception.class);
            assertThatThrownBy(() -> FAST.parse(bad)).as(bad).isInstanceOf(Hl7v2Exception.class).hasMessageStartingWith("unparseable HL7v2");
        }
    }

    /**
     * The header checks and the MSH-12 rewrite, written out for speed, against HAPI's own (the
     * code they replaced): same answer or same exception and message, over hand-made headers and
     * a few thousand random edits of the samples' first 100 characters.
     */
    @Test
    void checksHeadersAsHapiDid() throws IOException {
        List<String> texts = new ArrayList<>();
        String base = "MSH|^~\\&|A|B|C|D|20260101||ADT^A01^ADT_A01|1|P|2.5.1\rPID|1||X\r";
        texts.add(base);
        for (String nine : List.of("", "ADT", "ADT^A01", "ACK", "ACK^A01", "^A01", "ADT^^ADT_A01", "ADT^A01^", "A&B^C")) {
            texts.add(base.replace("ADT^A01^ADT_A01", nine));
        }
        for (String twelve : List.of("", "2.5.1", "2.9", "2.5.1^US", "^x", "2.3&x", "2.8.2^^y", "2.5.1|", "2.5.1|||")) {
            texts.add(base.replace("|2.5.1\r", "|" + twelve + "\r"));
        }
        for (String two : List.of("", "^", "^~\\", "^~\\&#", "^~\\&#x", "|")) {
            texts.add(base.replace("^~\\&", two));
        }
        texts.addAll(List.of("MSH", "MSH|", "MSH|^~\\&", "MSH|\rPID|||||||||||||", "MSH\r\r\r\r\r\r\r\r\r\r\r\r", "MSH|^~\\&|A|B\r",
                base + "  PID|1\r", base + "PI|D\r", base + " \t PIDX\r", base.replace('|', '#'), "MSH|^~\\&|||||||||||\r",
                "MSH|^~\\&|||||||ADT^A01||||\r", "MSH|^~\\&|||||||ADT^A01|||2.5.1", "MSH^^~\\&^A^B^C^D^1^^ADT^1^P^2.5.1\r"));
        java.util.Random rnd = new java.util.Random(20261123);
        List<String> samples = messages().toList();
        String alphabet = "|^~\\&\r \tMSH0123456789.AC_";
        for (int i = 0; i < 4000; i++) {
            StringBuilder b = new StringBuilder(samples.get(rnd.nextInt(samples.size())));
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                int at = rnd.nextInt(Math.min(100, b.length()));
                switch (rnd.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            texts.add(Hl7v2Parser.clean(b.toString()));
        }
        for (String text : texts) {
            String rewritten = Hl7v2Parser.withKnownVersion(text);
            assertThat(rewritten).as(text).isEqualTo(hapiWithKnownVersion(text));
            assertThat(outcome(() -> FAST.checkHeader(rewritten))).as(text).isEqualTo(outcome(() -> hapiCheckHeader(rewritten)));
        }
    }

    private interface Check {
        String run() throws Exception;
    }

    private static String outcome(Check c) {
        try {
            return "ok " + c.run();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The former Hl7v2Parser.withKnownVersion. */
    private static String hapiWithKnownVersion(String text) {
        if (text.length() < 8) {
            return text;
        }
        char fs = text.charAt(3);
        int end = text.indexOf('\r');
        String msh = end < 0 ? text : text.substring(0, end);
        String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        if (f.length < 12) {
            return text;
        }
        char cs = f[1].isEmpty() ? '^' : f[1].charAt(0);
        String v = f[11];
        int c = v.indexOf(cs);
        String id = c < 0 ? v : v.substring(0, c);
        if (ca.uhn.hl7v2.Version.versionOf(id) != null) {
            return text;
        }
        f[11] = "2.8.1" + (c < 0 ? "" : v.substring(c));
        return String.join(String.valueOf(fs), f) + (end < 0 ? "" : text.substring(end));
    }

    /** The former Hl7v2Parser.checkHeader, by HAPI's PipeParser. */
    private static String hapiCheckHeader(String text) throws HL7Exception {
        if (HAPI.getEncoding(text) == null || text.length() < 9) {
            throw new HL7Exception("Determine encoding for message: not ER7");
        }
        HAPI.getVersion(text);
        int end = text.indexOf('\r');
        String[] msh = PipeParser.split(end < 0 ? text : text.substring(0, end), String.valueOf(text.charAt(3)));
        String nine = msh[8];
        String[] comps = PipeParser.split(nine, String.valueOf(text.charAt(4)));
        if (comps.length >= 3) {
            return String.valueOf(comps[2]);
        }
        if (comps.length > 0 && "ACK".equals(comps[0])) {
            return "ACK";
        }
        if (comps.length == 2) {
            return comps[0] + "_" + comps[1];
        }
        throw new HL7Exception("Can't determine message structure from MSH-9: " + nine + " HINT: there are only " + comps.length
                + " of 3 components present");
    }

    private static boolean hasSubcomponents(Type t, int comp) throws HL7Exception {
        if (t instanceof Varies v) {
            return hasSubcomponents(v.getData(), comp);
        }
        return t instanceof Composite c && comp <= c.getComponents().length && c.getComponent(comp - 1) instanceof Composite;
    }

    /** The former V2Message.get over HAPI's model. */
    private static String hapiGet(Segment s, int field, int rep, int comp, int sub) {
        try {
            if (field > s.numFields() || rep >= s.getField(field).length) {
                return null;
            }
            String v = Terser.get(s, field, rep, comp, sub);
            if (v == null) {
                return null;
            }
            v = v.strip();
            return v.isEmpty() || "\"\"".equals(v) ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    private static void flatten(Group g, List<Segment> out) throws HL7Exception {
        for (String name : g.getNames()) {
            for (Structure s : g.getAll(name)) {
                if (s instanceof Segment seg) {
                    if (!seg.isEmpty()) {
                        out.add(seg);
                    }
                } else if (s instanceof Group sub) {
                    flatten(sub, out);
                }
            }
        }
    }

    private static PipeParser hapi() {
        HapiContext ctx = new DefaultHapiContext(new CanonicalModelClassFactory("2.8.1"));
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.getParserConfiguration().setValidating(false);
        ctx.getParserConfiguration().setEncodeEmptyMandatoryFirstSegments(false);
        return ctx.getPipeParser();
    }
}
