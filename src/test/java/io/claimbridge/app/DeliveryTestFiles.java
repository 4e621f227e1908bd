package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.imsweb.x12.Loop;
import com.imsweb.x12.Segment;
import com.imsweb.x12.reader.X12Reader;

/** What the delivery tests send (HL7v2 over MLLP with HAPI's client) and read back (837s with x12-parser). */
final class DeliveryTestFiles {
    /** Inpatient stay: admit with admitting dx, charges, discharge with final dx → one 837I. */
    static final List<String> INPATIENT = List.of("inpatient_a01", "inpatient_p03", "inpatient_a03");
    /** Office visit: registration then charges → one 837P once the day is over. */
    static final List<String> OFFICE = List.of("office_a04", "office_p03");
    /** The shipped routes plus one listener per sender (GENERAL_HOSPITAL, ACME_EAST). */
    static final String ROUTES = "file:routes/*.yaml,classpath:delivery-routes/*.yaml";
    static final String INPATIENT_CLAIM = "ACCT-DLV-1";
    static final String OFFICE_CLAIM = "ACCT-OFFICE-1-20260305";

    private DeliveryTestFiles() {
    }

    static String message(String name) {
        try (InputStream in = DeliveryTestFiles.class.getResourceAsStream("/hl7/delivery/" + name + ".hl7")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\n', '\r');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends each message over MLLP with HAPI's client and returns the MSA-1 codes. */
    static List<String> sendOverMllp(int port, List<String> names) throws Exception {
        List<String> acks = new ArrayList<>();
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setValidationContext(ValidationContextFactory.noValidation());
            Connection connection = ctx.newClient("127.0.0.1", port, false);
            try {
                for (String name : names) {
                    Message response = connection.getInitiator().sendAndReceive(ctx.getPipeParser().parse(message(name)));
                    acks.add(new Terser(response).get("/MSA-1"));
                }
            } finally {
                connection.close();
            }
        }
        return acks;
    }

    static List<Path> interchanges(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".837")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every leftover temp file (a partial write would show here). */
    static List<Path> tempFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean institutional(Path file) {
        return text(file).contains("005010X223A2");
    }

    /** The interchange read back by x12-parser; fails on any parser error. */
    static Loop parse(Path file) {
        X12Reader.FileType type = institutional(file) ? X12Reader.FileType.ANSI837_5010_X223
                : X12Reader.FileType.ANSI837_5010_X222;
        try {
            X12Reader reader = new X12Reader(type, new StringReader(text(file)));
            List<String> errors = new ArrayList<>(reader.getErrors());
            errors.addAll(reader.getFatalErrors());
            // x12-parser 1.13 counts every 837I HI (ABK, ABJ, ABF ...) against the principal HI's max
            // use of 1 (see X837WriterTest); that message is its limitation, anything else fails.
            errors.removeIf(e -> type == X12Reader.FileType.ANSI837_5010_X223
                    && e.equals("HI in loop 2300 appears too many times"));
            if (!errors.isEmpty()) {
                throw new AssertionError(file.getFileName() + " does not parse: " + errors);
            }
            return reader.getLoops().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** REF02 of every line's REF*6R (line item control number) in LX order; one per line, none shared. */
    static List<String> controlNumbers(Loop clm) {
        List<String> control = new ArrayList<>();
        for (Loop line : clm.findLoop("2400")) {
            for (Segment s : line.getSegments()) {
                if (s.getId().equals("REF") && "6R".equals(s.getElementValue("REF01"))) {
                    control.add(s.getElementValue("REF02"));
                }
            }
        }
        assertThat(control).hasSize(clm.findLoop("2400").size()).doesNotHaveDuplicates();
        return control;
    }

    /** CLM01 of every claim in these files, with repeats (a duplicate delivery shows twice). */
    static List<String> claimIds(List<Path> files) {
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            for (Loop clm : parse(f).findLoop("2300")) {
                ids.add(clm.getSegment("CLM").getElementValue("CLM01"));
            }
        }
        return ids;
    }
}
