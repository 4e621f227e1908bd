package io.claimbridge.delivery.x12;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.claimbridge.model.CodedEncounter;

/**
 * Renders coded encounters as one X12 5010 interchange of 837P (005010X222A1) and/or 837I
 * (005010X223A2) transaction sets, written through StAEDI.
 *
 * <p>Layout: one functional group per implementation guide (GS08 differs), transaction sets of at
 * most {@value #MAX_CLAIMS_PER_TRANSACTION} claims, inside each a 2000A billing-provider HL per
 * distinct billing provider, a 2000B subscriber HL per claim and a 2000C patient HL when the
 * patient is not the subscriber.
 *
 * <p>Every claim is read and checked first ({@link ClaimFactsReader}); rejected claims are left
 * out with their reasons and the rest are written, so one bad claim never corrupts or blocks a
 * batch. Pure: no I/O, no clock, no control-number allocation.
 */
public final class X837Writer {

    /**
     * CLM08 / OI03 benefits assigned and CLM09 / OI06 release of information: one answer for the
     * payer the claim goes to and every other payer, since it is one signature on file.
     */
    private static final String BENEFITS_ASSIGNED = "Y";
    private static final String RELEASE_OF_INFORMATION = "Y";

    /** The guides recommend at most 5000 CLM per ST-SE. */
    static final int MAX_CLAIMS_PER_TRANSACTION = 5000;

    private final ClaimFactsReader reader;
    private final int maxClaimsPerTransaction;

    public X837Writer(ZoneId zone) {
        this(zone, MAX_CLAIMS_PER_TRANSACTION);
    }

    /** Tests use a small limit to see transaction sets split without building 5000 claims. */
    X837Writer(ZoneId zone, int maxClaimsPerTransaction) {
        this.reader = new ClaimFactsReader(zone);
        this.maxClaimsPerTransaction = maxClaimsPerTransaction;
    }

    /**
     * @param requested the format the destination asked for, or null to follow each claim's type
     */
    public X837Interchange write(List<CodedEncounter> encounters, X12Format requested, X12Envelope envelope,
                                 ControlNumbers control) {
        Map<X12Format, List<ClaimFacts>> byFormat = new EnumMap<>(X12Format.class);
        List<ClaimRejection> rejections = new ArrayList<>();
        for (CodedEncounter ce : encounters) {
            ClaimFactsReader.Result result = reader.read(ce, requested);
            if (result instanceof ClaimFactsReader.Accepted a) {
                byFormat.computeIfAbsent(a.facts().format(), f -> new ArrayList<>()).add(a.facts());
            } else if (result instanceof ClaimFactsReader.Rejected r) {
                rejections.add(r.rejection());
            }
        }
        if (byFormat.isEmpty()) {
            return new X837Interchange(new byte[0], List.of(), rejections, control.groupBase(),
                    control.transactionBase());
        }
        // ~1 KB per claim in practice; sized so a typical batch never regrows the buffer.
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(1 << 30, 1536L * encounters.size() + 1024));
        List<X837Interchange.RenderedClaim> rendered = new ArrayList<>(encounters.size());
        long group = control.groupBase();
        long transaction = control.transactionBase();
        try (SegmentSink sink = new SegmentSink(out)) {
            sink.startInterchange();
            writeIsa(sink, envelope, control);
            for (Map.Entry<X12Format, List<ClaimFacts>> e : byFormat.entrySet()) {
                X12Format format = e.getKey();
                List<ClaimFacts> claims = e.getValue();
                sink.segment("GS", "HC", envelope.gsSenderCode(), envelope.gsReceiverCode(),
                        X12Values.date(control.timestamp().toLocalDate()), X12Values.time(control.timestamp().toLocalTime()),
                        Long.toString(group), "X", format.version());
                int sets = 0;
                for (int from = 0; from < claims.size(); from += maxClaimsPerTransaction) {
                    List<ClaimFacts> chunk = claims.subList(from, Math.min(claims.size(), from + maxClaimsPerTransaction));
                    String st02 = X12Values.zeroPad(transaction, 4);
                    new TransactionSetWriter(sink, format, envelope, control, st02).write(chunk);
                    for (ClaimFacts c : chunk) {
                        rendered.add(new X837Interchange.RenderedClaim(c.claimId(), format, control.interchange(),
                                group, st02));
                    }
                    transaction++;
                    sets++;
                }
                sink.segment("GE", Integer.toString(sets), Long.toString(group));
                group++;
            }
            sink.segment("IEA", Integer.toString(byFormat.size()), X12Values.zeroPad(control.interchange(), 9));
            sink.endInterchange();
        }
        return new X837Interchange(out.toByteArray(), rendered, rejections, group, transaction);
    }

    private static void writeIsa(SegmentSink sink, X12Envelope env, ControlNumbers control) {
        sink.segment("ISA", "00", X12Values.pad("", 10), "00", X12Values.pad("", 10),
                env.senderQualifier(), X12Values.pad(env.senderId(), 15),
                env.receiverQualifier(), X12Values.pad(env.receiverId(), 15),
                X12Values.shortDate(control.timestamp().toLocalDate()), X12Values.time(control.timestamp().toLocalTime()),
                String.valueOf(SegmentSink.REPETITION), "00501", X12Values.zeroPad(control.interchange(), 9),
                env.acknowledgmentRequested() ? "1" : "0", env.usage().name(), String.valueOf(SegmentSink.COMPONENT));
    }

    /** Writes one ST..SE: header, 1000A/B, then the HL hierarchy and claims. */
    private static final class TransactionSetWriter {
        private final SegmentSink sink;
        private final X12Format format;
        private final X12Envelope env;
        private final ControlNumbers control;
        private final String st02;
        private int hl;

        TransactionSetWriter(SegmentSink sink, X12Format format, X12Envelope env, ControlNumbers control, String st02) {
            this.sink = sink;
            this.format = format;
            this.env = env;
            this.control = control;
            this.st02 = st02;
        }

        void write(List<ClaimFacts> claims) {
            sink.resetCount();
            sink.segment("ST", "837", st02, format.version());
            sink.segment("BHT", "0019", "00", X12Values.zeroPad(control.interchange(), 9) + st02,
                    X12Values.date(control.timestamp().toLocalDate()), X12Values.time(control.timestamp().toLocalTime()), "CH");
            X12Envelope.Submitter s = env.submitter();
            sink.segment("NM1", "41", "2", X12Values.text(s.name(), 60), null, null, null, null, "46",
                    s.id());
            String contact = X12Values.text(s.contactName(), 60);
            if (s.phone() != null) {
                sink.segment("PER", "IC", contact, "TE", digits(s.phone()), s.email() == null ? null : "EM",
                        s.email());
            } else {
                sink.segment("PER", "IC", contact, "EM", s.email());
            }
            sink.segment("NM1", "40", "2", X12Values.text(env.receiver().name(), 60), null, null, null, null, "46",
                    env.receiver().id());

            // Group by billing provider so each provider's claims share one 2000A.
            Map<ClaimFacts.Organization, List<ClaimFacts>> byBilling = new LinkedHashMap<>();
            for (ClaimFacts c : claims) {
                byBilling.computeIfAbsent(c.billing(), b -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<ClaimFacts.Organization, List<ClaimFacts>> e : byBilling.entrySet()) {
                int billingHl = ++hl;
                sink.segment("HL", Integer.toString(billingHl), null, "20", "1");
                ClaimFacts.Organization b = e.getKey();
                sink.segment("NM1", "85", "2", X12Values.text(b.name(), 60), null, null, null, null, "XX", b.npi());
                address(b.address());
                sink.segment("REF", "EI", b.taxId());
                for (ClaimFacts c : e.getValue()) {
                    subscriberAndClaim(billingHl, c);
                }
            }
            sink.segment("SE", Integer.toString(sink.count() + 1), st02);
        }

        private void subscriberAndClaim(int parent, ClaimFacts c) {
            int subscriberHl = ++hl;
            boolean patientLoop = c.patient() != null;
            sink.segment("HL", Integer.toString(subscriberHl), Integer.toString(parent), "22", patientLoop ? "1" : "0");
            sink.segment("SBR", c.payerResponsibility(), patientLoop ? null : "18", c.groupNumber(), null, null, null,
                    null, null, c.filingIndicator());
            ClaimFacts.Person sub = c.subscriber();
            insured(sub);
            if (!patientLoop && sub.birthDate() != null) {
                sink.segment("DMG", "D8", X12Values.date(sub.birthDate()), sub.gender());
            }
            payer(c.payerName(), c.payerId());
            if (c.payerAddress() != null) {
                address(c.payerAddress());
            }
            if (patientLoop) {
                sink.segment("HL", Integer.toString(++hl), Integer.toString(subscriberHl), "23", "0");
                sink.segment("PAT", c.patientRelationship());
                ClaimFacts.Person p = c.patient();
                sink.segment("NM1", "QC", "1", X12Values.text(p.last(), 60), X12Values.text(p.first(), 35),
                        X12Values.text(p.middle(), 25));
                address(p.address());
                sink.segment("DMG", "D8", X12Values.date(p.birthDate()), p.gender());
            }
            claim(c);
        }

        private void claim(ClaimFacts c) {
            String[] facility = {c.facilityCode(), format.facilityQualifier(), c.frequency()};
            if (format == X12Format.PROFESSIONAL) {
                sink.segment("CLM", c.claimId(), X12Values.amount(c.total()), null, null, facility, "Y", "A",
                        BENEFITS_ASSIGNED, RELEASE_OF_INFORMATION);
            } else {
                sink.segment("CLM", c.claimId(), X12Values.amount(c.total()), null, null, facility, null, "A",
                        BENEFITS_ASSIGNED, RELEASE_OF_INFORMATION);
                ClaimFacts.Institutional inst = c.institutional();
                if (inst.dischargeTime() != null) {
                    sink.segment("DTP", "096", "TM", X12Values.time(inst.dischargeTime()));
                }
                sink.segment("DTP", "434", "RD8", X12Values.date(c.statementFrom()) + "-" + X12Values.date(c.statementTo()));
                if (inst.inpatient() && inst.admission() != null) {
                    sink.segment("DTP", "435", "DT", X12Values.dateTime(inst.admission()));
                }
                sink.segment("CL1", inst.admissionType(), inst.admissionSource(), inst.patientStatus());
            }
            if (c.originalClaimRef() != null) {
                sink.segment("REF", "F8", c.originalClaimRef());
            }
            if (format == X12Format.PROFESSIONAL) {
                professionalHi(c);
                if (c.provider() != null) {
                    provider("82", c.provider());
                }
            } else {
                institutionalHi(c);
                provider("71", c.provider());
            }
            otherPayers(c);
            int n = 0;
            for (ClaimFacts.Line line : c.lines()) {
                sink.segment("LX", Integer.toString(++n));
                if (format == X12Format.PROFESSIONAL) {
                    String[] pointers = new String[line.pointers().size()];
                    for (int i = 0; i < pointers.length; i++) {
                        pointers[i] = Integer.toString(line.pointers().get(i));
                    }
                    sink.segment("SV1", procedure(line), X12Values.amount(line.amount()), "UN",
                            X12Values.amount(line.units()), line.placeOfService(), null, pointers);
                } else {
                    sink.segment("SV2", line.revenueCode(), line.code() == null ? null : procedure(line),
                            X12Values.amount(line.amount()), "UN", X12Values.amount(line.units()));
                }
                if (line.from() != null) {
                    boolean range = line.to() != null && !line.to().equals(line.from());
                    sink.segment("DTP", "472", range ? "RD8" : "D8", X12Values.rangeOrDate(line.from(), line.to()));
                }
                // Echoed per line in the 835 (SVC loop REF*6R): how payments are matched to lines.
                sink.segment("REF", "6R", line.controlNumber());
            }
        }

        /**
         * 2320 (after the 2310 provider loops, before 2400): SBR, OI, 2330A, 2330B per other payer.
         * No AMT*D / CAS / 2330B DTP*573: they report the other payer's adjudication, and the engine
         * has no 835 from it; the TR3 requires them only once that payer has adjudicated the claim.
         */
        private void otherPayers(ClaimFacts c) {
            for (ClaimFacts.OtherPayer o : c.otherPayers()) {
                sink.segment("SBR", o.responsibility(), o.relationship(), o.groupNumber(), null, null, null, null, null,
                        o.filingIndicator());
                sink.segment("OI", null, null, BENEFITS_ASSIGNED, null, null, RELEASE_OF_INFORMATION);
                insured(o.subscriber());
                payer(o.payerName(), o.payerId());
            }
        }

        /** NM1*IL (2010BA subscriber, 2330A other subscriber) with its address when known. */
        private void insured(ClaimFacts.Person p) {
            sink.segment("NM1", "IL", "1", X12Values.text(p.last(), 60), X12Values.text(p.first(), 35),
                    X12Values.text(p.middle(), 25), null, null, "MI", p.memberId());
            if (p.address() != null) {
                address(p.address());
            }
        }

        /** NM1*PR (2010BB payer, 2330B other payer). */
        private void payer(String name, String id) {
            sink.segment("NM1", "PR", "2", X12Values.text(name, 60), null, null, null, null, "PI", id);
        }

        private static String[] procedure(ClaimFacts.Line line) {
            String[] c = new String[2 + line.modifiers().size()];
            c[0] = "HC";
            c[1] = line.code();
            for (int i = 0; i < line.modifiers().size(); i++) {
                c[2 + i] = line.modifiers().get(i);
            }
            return c;
        }

        /** 837P: one HI, ABK principal then up to 11 ABF. */
        private void professionalHi(ClaimFacts c) {
            Object[] hi = new Object[1 + c.otherDiagnoses().size()];
            hi[0] = new String[] {"ABK", c.principal().code()};
            for (int i = 0; i < c.otherDiagnoses().size(); i++) {
                hi[i + 1] = new String[] {"ABF", c.otherDiagnoses().get(i).code()};
            }
            sink.segment("HI", hi);
        }

        /** 837I: ABK, ABJ, APR, ABF (12 per HI), BBR, BBQ (12 per HI); POA in component 9. */
        private void institutionalHi(ClaimFacts c) {
            sink.segment("HI", (Object) dx("ABK", c.principal()));
            ClaimFacts.Institutional inst = c.institutional();
            if (inst.admitting() != null) {
                sink.segment("HI", (Object) new String[] {"ABJ", inst.admitting().code()});
            }
            if (inst.reasonForVisit() != null) {
                sink.segment("HI", (Object) new String[] {"APR", inst.reasonForVisit().code()});
            }
            List<ClaimFacts.Diagnosis> others = c.otherDiagnoses();
            for (int from = 0; from < others.size(); from += 12) {
                List<ClaimFacts.Diagnosis> part = others.subList(from, Math.min(others.size(), from + 12));
                Object[] hi = new Object[part.size()];
                for (int i = 0; i < hi.length; i++) {
                    hi[i] = dx("ABF", part.get(i));
                }
                sink.segment("HI", hi);
            }
            List<ClaimFacts.Procedure> procs = c.procedures();
            if (!procs.isEmpty()) {
                sink.segment("HI", (Object) pcs("BBR", procs.get(0)));
                for (int from = 1; from < procs.size(); from += 12) {
                    List<ClaimFacts.Procedure> part = procs.subList(from, Math.min(procs.size(), from + 12));
                    Object[] hi = new Object[part.size()];
                    for (int i = 0; i < hi.length; i++) {
                        hi[i] = pcs("BBQ", part.get(i));
                    }
                    sink.segment("HI", hi);
                }
            }
        }

        private static String[] dx(String qualifier, ClaimFacts.Diagnosis d) {
            return d.poa() == null ? new String[] {qualifier, d.code()}
                    : new String[] {qualifier, d.code(), null, null, null, null, null, null, d.poa()};
        }

        private static String[] pcs(String qualifier, ClaimFacts.Procedure p) {
            return new String[] {qualifier, p.code(), "D8", X12Values.date(p.date())};
        }

        private void provider(String entity, ClaimFacts.Provider p) {
            sink.segment("NM1", entity, "1", X12Values.text(p.last(), 60), X12Values.text(p.first(), 35), null, null,
                    null, "XX", p.npi());
        }

        private void address(ClaimFacts.Address a) {
            sink.segment("N3", X12Values.text(a.line1(), 55), X12Values.text(a.line2(), 55));
            // state, country and subdivision are checked codes (AddressReader): written as they are.
            sink.segment("N4", X12Values.text(a.city(), 30), a.state(), X12Values.text(a.zip(), 15), a.country(),
                    null, null, a.subdivision());
        }

        private static String digits(String phone) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < phone.length(); i++) {
                char ch = phone.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    b.append(ch);
                }
            }
            return b.toString();
        }
    }
}
