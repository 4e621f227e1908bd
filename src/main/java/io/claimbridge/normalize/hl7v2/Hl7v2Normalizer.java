package io.claimbridge.normalize.hl7v2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.ResourceIds;
import io.claimbridge.normalize.claim.ClaimDraft;
import io.claimbridge.normalize.claim.DiagnosisFact;
import io.claimbridge.normalize.mapping.BillingProvider;
import io.claimbridge.normalize.mapping.CodeContext;
import io.claimbridge.normalize.mapping.FieldPath;
import io.claimbridge.normalize.mapping.LedgerEvent;
import io.claimbridge.normalize.mapping.MappedField;
import io.claimbridge.normalize.mapping.Mappings;
import io.claimbridge.normalize.mapping.PatientClassRule;
import io.claimbridge.normalize.mapping.SenderMapping;

/**
 * HL7v2 ADT/DFT text → canonical {@link CodedEncounter} (pure; thread-safe). Segment maps follow
 * the HL7 v2-to-FHIR IG (PID→Patient, PV1/PV2→Encounter, DG1→Condition, PR1→Procedure,
 * IN1/IN2→Coverage, GT1→Account.guarantor, ROL/PRT/XCN→Practitioner); FT1→Claim.item, DG1-26→POA and the claim type are
 * claimbridge choices documented in {@code mappings/default.yaml} and {@link Canonical}.
 */
public final class Hl7v2Normalizer {

    private static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String DIAG_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";

    private final Hl7v2Parser parser;
    private final Mappings mappings;

    public Hl7v2Normalizer(Mappings mappings) {
        this(new Hl7v2Parser(), mappings);
    }

    public Hl7v2Normalizer(Hl7v2Parser parser, Mappings mappings) {
        this.parser = parser;
        this.mappings = mappings;
    }

    public CodedEncounter toCodedEncounter(String raw, String sender) {
        return normalize(raw, sender).encounter();
    }

    /** @param sender the configured sender name; null = MSH-4 (sending facility), else MSH-3 */
    public NormalizedMessage normalize(String raw, String sender) {
        V2Message msg = parser.parse(raw);
        V2Segment msh = msg.first("MSH").orElseThrow(() -> new Hl7v2Exception("MSH missing"));
        String snd = sender != null && !sender.isBlank() ? sender
                : firstNonNull(V2Message.get(msh, 4, 0, 1, 1), V2Message.get(msh, 3, 0, 1, 1), "default");
        return new Run(msg, mappings.forSender(snd).forStructure(msg.structure())).build();
    }

    /** Claim.created: MSH-7 as sent (its own offset, else the sender's zone), else the event time in UTC. */
    private static DateTimeType created(V2Segment msh, ZoneId zone, Instant when) {
        DateTimeType sent = V2Time.dateTime(V2Message.get(msh, 7, 0, 1, 1), zone);
        return sent != null && sent.getValue() != null ? sent : ClaimDraft.created(when);
    }

    /** State of one conversion: the message, the sender's mapping, and what is built so far. */
    private static final class Run {
        final V2Message msg;
        final SenderMapping map;
        final String sender;
        final V2Codes codes;
        final V2People people;
        final Patient patient = new Patient();
        final Encounter encounter = new Encounter();
        final List<Coverage> coverages = new ArrayList<>();
        final List<Organization> orgs = new ArrayList<>();
        final List<Condition> conditions = new ArrayList<>();
        final List<Procedure> procedures = new ArrayList<>();
        final List<DiagnosisFact> dx = new ArrayList<>();
        Organization billing;
        PatientClassRule rule;
        Practitioner attending;
        Practitioner referring;

        Run(V2Message msg, SenderMapping map) {
            this.msg = msg;
            this.map = map;
            this.sender = map.sender();
            this.codes = new V2Codes(map);
            this.people = new V2People(sender);
        }

        NormalizedMessage build() {
            V2Segment msh = msg.first("MSH").orElseThrow();
            String trigger = firstNonNull(V2Message.get(msh, 9, 0, 2, 1), msg.first("EVN").map(e -> V2Message.get(e, 1, 0, 1, 1)).orElse(null), "");
            LedgerEvent event = map.events().get(trigger.toUpperCase(Locale.ROOT));
            if (event == null) {
                throw new Hl7v2Exception("unsupported trigger event '" + trigger + "' (not in events: of the mapping)");
            }
            String controlId = V2Message.get(msh, 10, 0, 1, 1);
            Date msgTime = V2Time.dateTimeValue(V2Message.get(msh, 7, 0, 1, 1), map.timeZone());
            V2Segment evn = msg.first("EVN").orElse(null);
            Date evnTime = evn == null ? null : V2Time.dateTimeValue(firstNonNull(V2Message.get(evn, 6, 0, 1, 1), V2Message.get(evn, 2, 0, 1, 1)), map.timeZone());
            Instant when = evnTime != null ? evnTime.toInstant() : msgTime != null ? msgTime.toInstant() : Instant.EPOCH;

            rule = map.patientClass(get(MappedField.PATIENT_CLASS));
            String visit = firstNonNull(get(MappedField.VISIT_NUMBER), get(MappedField.ACCOUNT_NUMBER), null);
            if (visit == null) {
                throw new Hl7v2Exception("no visit number at " + map.path(MappedField.VISIT_NUMBER).map(FieldPath::toString).orElse("(unmapped)")
                        + " or account number (mapping fields.visitNumber)");
            }
            billing();
            patient();
            encounter(visit, event);
            roles();
            coverages();
            diagnoses();
            procedures();
            List<Account> accounts = accounts(visit);

            ClaimDraft draft = new ClaimDraft(sender, visit, get(MappedField.ACCOUNT_NUMBER), rule, patient, encounter, billing, coverages, orgs, dx, drg(), procedures,
                    attending, referring, created(msh, map.timeZone(), when));
            new ChargeLines(msg, codes, people, draft).addAll();

            List<Organization> allOrgs = new ArrayList<>();
            allOrgs.add(billing);
            allOrgs.addAll(orgs);
            CodedEncounter ce = new CodedEncounter(patient, encounter, coverages, allOrgs, people.practitioners(),
                    conditions, procedures, draft.toClaim(), accounts);
            return new NormalizedMessage(sender, controlId, trigger, event, visit, when,
                    // Only coded DG1/PR1 make a set that replaces the ledger's (free-text DG1 does not).
                    !dx.isEmpty(), anyCoded(procedures), ce);
        }

        static boolean anyCoded(List<Procedure> procedures) {
            for (Procedure p : procedures) {
                if (p.getCode().hasCoding()) return true;
            }
            return false;
        }

        String get(MappedField f) {
            FieldPath p = map.fields().get(f);
            return p == null ? null : msg.get(p);
        }

        V2Field field(MappedField f) {
            FieldPath p = map.fields().get(f);
            V2Field x = p == null ? null : msg.field(p).orElse(null);
            return x == null || x.isEmpty() ? null : x;
        }

        // ---- organizations ------------------------------------------------------------------

        void billing() {
            Organization o = new Organization();
            String npi = firstNonNull(get(MappedField.BILLING_NPI), map.billingProvider().npi(), null);
            String facility = msg.first("MSH").map(s -> V2Message.get(s, 4, 0, 1, 1)).orElse(null);
            o.setId(ResourceIds.urn("Organization", npi != null ? "npi|" + npi : "sender|" + sender));
            if (npi != null) o.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(npi);
            if (map.billingProvider().taxId() != null) o.addIdentifier().setSystem(Canonical.TAX_ID_SYSTEM).setValue(map.billingProvider().taxId());
            o.setName(firstNonNull(map.billingProvider().name(), facility, sender));
            BillingProvider.Address a = map.billingProvider().address();
            if (a != null) {
                Address addr = o.addAddress().setCity(a.city()).setState(a.state()).setPostalCode(a.postalCode());
                if (a.line1() != null) addr.addLine(a.line1());
                if (a.line2() != null) addr.addLine(a.line2());
            }
            o.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")));
            billing = o;
        }

        // ---- PID / PD1 ----------------------------------------------------------------------

        void patient() {
            V2Segment pid = msg.first("PID").orElseThrow(() -> new Hl7v2Exception("PID missing"));
            String mrn = null;
            for (V2Field cx : V2Message.fields(pid, 3)) {
                String id = cx.c(1);
                if (id == null) continue;
                String type = cx.c(5);
                Identifier ident = patient.addIdentifier().setValue(id);
                if ("MR".equalsIgnoreCase(type) || (type == null && mrn == null)) {
                    if (mrn == null) mrn = id;
                    ident.setSystem(Canonical.MRN_SYSTEM_PREFIX + sender);
                    ident.setType(new CodeableConcept(new Coding(V2_0203, "MR", "Medical record number")));
                } else if ("SS".equalsIgnoreCase(type)) {
                    ident.setSystem("http://hl7.org/fhir/sid/us-ssn").setType(new CodeableConcept(new Coding(V2_0203, "SS", null)));
                } else {
                    String auth = firstNonNull(cx.c(4), type, "id");
                    ident.setSystem("http://claimbridge.io/fhir/sid/id/" + sender + "/" + auth);
                    if (type != null) ident.setType(new CodeableConcept(new Coding(V2_0203, type, null)));
                }
            }
            String ssn = V2Message.get(pid, 19, 0, 1, 1);
            if (ssn != null && patient.getIdentifier().stream().noneMatch(i -> "http://hl7.org/fhir/sid/us-ssn".equals(i.getSystem()))) {
                patient.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue(ssn)
                        .setType(new CodeableConcept(new Coding(V2_0203, "SS", null)));
            }
            if (mrn == null) {
                throw new Hl7v2Exception("PID-3 has no patient identifier");
            }
            patient.setId(ResourceIds.urn("Patient", sender, mrn));
            for (V2Field xpn : V2Message.fields(pid, 5)) {
                var n = V2People.name(xpn);
                if (n != null) patient.addName(n);
            }
            patient.setBirthDateElement(V2Time.date(V2Message.get(pid, 7, 0, 1, 1)));
            String sex = V2Message.get(pid, 8, 0, 1, 1);
            if (sex != null) {
                patient.setGender(switch (sex.toUpperCase(Locale.ROOT)) {
                    case "M" -> Enumerations.AdministrativeGender.MALE;
                    case "F" -> Enumerations.AdministrativeGender.FEMALE;
                    case "O", "A", "N" -> Enumerations.AdministrativeGender.OTHER;
                    default -> Enumerations.AdministrativeGender.UNKNOWN;
                });
            }
            for (V2Field xad : V2Message.fields(pid, 11)) {
                var a = V2People.address(xad);
                if (a != null) patient.addAddress(a);
            }
            for (V2Field xtn : V2Message.fields(pid, 13)) {
                String phone = firstNonNull(xtn.c(1), xtn.c(6) != null && xtn.c(7) != null ? xtn.c(6) + xtn.c(7) : xtn.c(7), xtn.c(12));
                if (phone != null) patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(phone).setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.HOME);
            }
            String deathTime = V2Message.get(pid, 29, 0, 1, 1);
            String deathInd = V2Message.get(pid, 30, 0, 1, 1);
            if (deathTime != null) patient.setDeceased(V2Time.dateTime(deathTime, map.timeZone()));
            else if ("Y".equalsIgnoreCase(deathInd)) patient.setDeceased(new org.hl7.fhir.r4.model.BooleanType(true));
            msg.first("PD1").ifPresent(pd1 -> V2Message.fields(pd1, 4).forEach(xcn -> {
                Practitioner p = people.practitioner(xcn);
                if (p != null) patient.addGeneralPractitioner(new Reference(p.getId()));
            }));
        }

        // ---- PV1 / PV2 ------------------------------------------------------------------------

        void encounter(String visit, LedgerEvent event) {
            encounter.setId(ResourceIds.urn("Encounter", sender, visit));
            encounter.addIdentifier().setSystem(Canonical.VISIT_SYSTEM_PREFIX + sender).setValue(visit)
                    .setType(new CodeableConcept(new Coding(V2_0203, "VN", "Visit number")));
            String account = get(MappedField.ACCOUNT_NUMBER);
            if (account != null) {
                encounter.addIdentifier().setSystem(Canonical.ACCOUNT_SYSTEM_PREFIX + sender).setValue(account)
                        .setType(new CodeableConcept(new Coding(V2_0203, "AN", "Account number")));
            }
            encounter.setClass_(new Coding(V3_ACT_CODE, rule.encounterClass(), null));
            encounter.setSubject(new Reference(patient.getId()));
            encounter.setServiceProvider(new Reference(billing.getId()));
            Period period = new Period();
            DateTimeType start = V2Time.dateTime(get(MappedField.ADMIT_DATETIME), map.timeZone());
            DateTimeType end = V2Time.dateTime(get(MappedField.DISCHARGE_DATETIME), map.timeZone());
            if (start != null) period.setStartElement(start);
            if (end != null) period.setEndElement(end);
            if (!period.isEmpty()) encounter.setPeriod(period);
            encounter.setStatus(switch (event) {
                case CANCEL_ADMIT -> Encounter.EncounterStatus.CANCELLED;
                case DISCHARGE -> Encounter.EncounterStatus.FINISHED;
                case CANCEL_DISCHARGE -> Encounter.EncounterStatus.INPROGRESS;
                default -> end != null ? Encounter.EncounterStatus.FINISHED
                        : "AMB".equals(rule.encounterClass()) && start == null ? Encounter.EncounterStatus.ARRIVED : Encounter.EncounterStatus.INPROGRESS;
            });
            String admitType = get(MappedField.ADMIT_TYPE);
            if (admitType != null) encounter.setPriority(new CodeableConcept(new Coding(Canonical.NUBC_ADMIT_TYPE, admitType, null)));
            String source = get(MappedField.ADMIT_SOURCE);
            String disp = get(MappedField.DISCHARGE_DISPOSITION);
            if (source != null) encounter.getHospitalization().setAdmitSource(new CodeableConcept(new Coding(Canonical.NUBC_POINT_OF_ORIGIN, source, null)));
            if (disp != null) encounter.getHospitalization().setDischargeDisposition(new CodeableConcept(new Coding(Canonical.NUBC_DISCHARGE_STATUS, disp, null)));
            String service = get(MappedField.HOSPITAL_SERVICE);
            if (service != null) encounter.setServiceType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0069", service, null)));
            V2Field reason = field(MappedField.ADMIT_REASON);
            if (reason != null) {
                CodeableConcept rc = codes.concept(reason, CodeContext.DIAGNOSIS);
                if (rc == null && reason.c(2) != null) rc = new CodeableConcept().setText(reason.c(2));
                if (rc != null) encounter.addReasonCode(rc);
            }

            V2Field att = field(MappedField.ATTENDING_DOCTOR);
            String attNpi = get(MappedField.ATTENDING_NPI);
            if (attNpi != null) {
                // Sender carries the NPI apart from PV1-7 (e.g. ZPV-2): NPI wins, name from the XCN.
                attending = people.practitioner(attNpi, true, att == null ? null : V2People.xcnName(att));
            } else if (att != null) {
                attending = people.practitioner(att);
            }
            participant(attending, "ATND");
            V2Field ref = field(MappedField.REFERRING_DOCTOR);
            referring = ref == null ? null : people.practitioner(ref);
            participant(referring, "REF");
            V2Field adm = field(MappedField.ADMITTING_DOCTOR);
            participant(adm == null ? null : people.practitioner(adm), "ADM");
            msg.first("PV1").ifPresent(pv1 -> V2Message.fields(pv1, 9).forEach(x -> participant(people.practitioner(x), "CON")));
        }

        void participant(Practitioner p, String type) {
            if (p == null) return;
            boolean dup = false;
            for (Encounter.EncounterParticipantComponent x : encounter.getParticipant()) {
                if (x.getIndividual().getReference().equals(p.getId()) && x.getTypeFirstRep().hasCoding(PARTICIPATION, type)) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                encounter.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, type, null)))
                        .setIndividual(new Reference(p.getId()));
            }
        }

        // ---- ROL / PRT ------------------------------------------------------------------------

        void roles() {
            for (V2Segment rol : msg.all("ROL")) role(V2Message.get(rol, 3, 0, 1, 1), V2Message.fields(rol, 4));
            for (V2Segment prt : msg.all("PRT")) role(V2Message.get(prt, 4, 0, 1, 1), V2Message.fields(prt, 5));
        }

        void role(String code, List<V2Field> persons) {
            if (code == null) return;
            for (V2Field xcn : persons) {
                Practitioner p = people.practitioner(xcn);
                if (p == null) continue;
                switch (code.toUpperCase(Locale.ROOT)) {
                    case "AT" -> {
                        if (attending == null) attending = p;
                        participant(p, "ATND");
                    }
                    case "RP" -> {
                        if (referring == null) referring = p;
                        participant(p, "REF");
                    }
                    case "AD" -> participant(p, "ADM");
                    case "CP" -> participant(p, "CON");
                    case "PP", "FHCP" -> patient.addGeneralPractitioner(new Reference(p.getId()));
                    default -> participant(p, "PART");
                }
            }
        }

        // ---- IN1 / IN2 -----------------------------------------------------------------------

        void coverages() {
            List<V2Segment> in1s = msg.all("IN1");
            List<V2Segment> in2s = msg.all("IN2");
            int n = 0;
            for (V2Segment in1 : in1s) {
                n++;
                String payerId = firstNonNull(V2Message.get(in1, 3, 0, 1, 1), V2Message.get(in1, 2, 0, 1, 1), null);
                String payerName = V2Message.get(in1, 4, 0, 1, 1);
                if (payerId == null && payerName == null) continue;
                Organization payer = new Organization();
                payer.setId(ResourceIds.urn("Organization", "payer", sender, firstNonNull(payerId, payerName, "")));
                if (payerId != null) payer.addIdentifier().setSystem(Canonical.PAYER_ID_SYSTEM).setValue(payerId);
                payer.setName(payerName);
                payer.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "pay", "Payer")));
                payerAddresses(in1).forEach(payer::addAddress);
                if (!hasId(orgs, payer.getId())) orgs.add(payer);

                Coverage c = new Coverage();
                String member = firstNonNull(V2Message.get(in1, 36, 0, 1, 1), V2Message.get(in1, 49, 0, 1, 1), null);
                c.setId(ResourceIds.urn("Coverage", sender, patient.getId(), firstNonNull(payerId, payerName, ""), firstNonNull(member, "")));
                c.setStatus(Coverage.CoverageStatus.ACTIVE);
                c.setBeneficiary(new Reference(patient.getId()));
                c.addPayor(new Reference(payer.getId()));
                if (member != null) c.setSubscriberId(member);
                String cob = V2Message.get(in1, 22, 0, 1, 1);
                String setId = V2Message.get(in1, 1, 0, 1, 1);
                c.setOrder(parseInt(firstNonNull(cob, setId, String.valueOf(n)), n));
                String rel = V2Message.get(in1, 17, 0, 1, 1);
                c.setRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship", relationship(rel), null)));
                if (member != null && "self".equals(relationship(rel))) {
                    // v2-to-FHIR IN1→Patient: the patient's own member id is also a Patient identifier (type MB).
                    String sys = Canonical.MEMBER_ID_SYSTEM_PREFIX + firstNonNull(payerId, sender);
                    if (patient.getIdentifier().stream().noneMatch(i -> sys.equals(i.getSystem()) && member.equals(i.getValue()))) {
                        patient.addIdentifier().setSystem(sys).setValue(member)
                                .setType(new CodeableConcept(new Coding(V2_0203, "MB", "Member Number")));
                    }
                    c.setSubscriber(new Reference(patient.getId()));
                } else if (member != null || V2Message.get(in1, 16, 0, 1, 1) != null) {
                    c.setSubscriber(subscriber(in1, c));
                }
                String plan = V2Message.get(in1, 2, 0, 1, 1);
                if (plan != null) c.addClass_().setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/coverage-class", "plan", null))).setValue(plan);
                String group = V2Message.get(in1, 8, 0, 1, 1);
                if (group != null) c.addClass_().setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/coverage-class", "group", null)))
                        .setValue(group).setName(V2Message.get(in1, 9, 0, 1, 1));
                String planType = V2Message.get(in1, 15, 0, 1, 1);
                if (planType != null) c.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0086", planType, null)));
                Period p = new Period();
                DateTimeType from = V2Time.dateAsDateTime(V2Message.get(in1, 12, 0, 1, 1));
                if (from != null) p.setStartElement(from);
                DateTimeType to = V2Time.dateAsDateTime(V2Message.get(in1, 13, 0, 1, 1));
                if (to != null) p.setEndElement(to);
                if (!p.isEmpty()) c.setPeriod(p);
                // IN2 follows its IN1 (same insurance group): Medicare HIC / Medicaid numbers.
                if (n - 1 < in2s.size()) {
                    V2Segment in2 = in2s.get(n - 1);
                    String medicare = V2Message.get(in2, 6, 0, 1, 1);
                    String medicaid = V2Message.get(in2, 8, 0, 1, 1);
                    if (medicare != null) c.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-mbi").setValue(medicare);
                    if (medicaid != null) c.addIdentifier().setSystem("http://claimbridge.io/fhir/sid/medicaid-id").setValue(medicaid);
                }
                coverages.add(c);
            }
            coverages.sort(Comparator.comparingInt(Coverage::getOrder));
        }

        /** IN1-5 (fields.payerAddress) of this IN1, every repetition: 2010BB N3/N4 in the 837. */
        List<Address> payerAddresses(V2Segment in1) {
            FieldPath p = map.fields().get(MappedField.PAYER_ADDRESS);
            return p == null ? List.of()
                    : V2Message.fields(in1, p.field()).stream().map(V2People::address).filter(a -> a != null).toList();
        }

        /**
         * The insured when it is not the patient (837 loop 2010BA needs name, birth date, sex,
         * address): IN1-16/18/19/43 as a RelatedPerson contained in the Coverage, so the canonical
         * resource list stays as the contract defines it.
         */
        Reference subscriber(V2Segment in1, Coverage c) {
            org.hl7.fhir.r4.model.RelatedPerson rp = new org.hl7.fhir.r4.model.RelatedPerson();
            rp.setId("subscriber");
            rp.setPatient(new Reference(patient.getId()));
            V2Message.fields(in1, 16).forEach(x -> {
                var n = V2People.name(x);
                if (n != null) rp.addName(n);
            });
            rp.setBirthDateElement(V2Time.date(V2Message.get(in1, 18, 0, 1, 1)));
            V2Message.fields(in1, 19).forEach(x -> {
                var a = V2People.address(x);
                if (a != null) rp.addAddress(a);
            });
            String sex = V2Message.get(in1, 43, 0, 1, 1);
            if (sex != null) {
                rp.setGender("M".equalsIgnoreCase(sex) ? Enumerations.AdministrativeGender.MALE
                        : "F".equalsIgnoreCase(sex) ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.UNKNOWN);
            }
            String rel = V2Message.get(in1, 17, 0, 1, 1);
            if (rel != null) rp.addRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0063", rel, null)));
            c.addContained(rp);
            return new Reference("#subscriber");
        }

        static String relationship(String v2) {
            if (v2 == null) return "self";
            return switch (v2.toUpperCase(Locale.ROOT)) {
                case "SEL", "01", "18" -> "self";
                case "SPO", "02", "DOM" -> "spouse";
                case "CHD", "03", "19", "CHILD" -> "child";
                case "PAR" -> "parent";
                default -> "other";
            };
        }

        // ---- GT1 -----------------------------------------------------------------------------

        /**
         * GT1 → one Account whose guarantor[] lists every GT1 in priority order (GT1-15, then
         * segment order). No GT1 → no Account, so the ledger keeps an earlier message's.
         */
        List<Account> accounts(String visit) {
            record Ranked(int priority, int index, Account.GuarantorComponent g) { }
            List<V2Segment> gt1s = msg.all("GT1");
            Account account = new Account();
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < gt1s.size(); i++) {
                Reference party = guarantorParty(gt1s.get(i), account, i + 1);
                if (party == null) continue; // an empty GT1 names nobody
                Integer prio = parseIntOrNull(V2Message.get(gt1s.get(i), 15, 0, 1, 1));
                ranked.add(new Ranked(prio == null ? Integer.MAX_VALUE : prio, i, new Account.GuarantorComponent(party)));
            }
            if (ranked.isEmpty()) {
                return List.of();
            }
            ranked.sort(Comparator.comparingInt(Ranked::priority).thenComparingInt(Ranked::index));
            ranked.forEach(r -> account.addGuarantor(r.g()));
            String number = get(MappedField.ACCOUNT_NUMBER);
            account.setId(ResourceIds.urn("Account", sender, visit));
            account.setStatus(Account.AccountStatus.ACTIVE);
            account.addSubject(new Reference(patient.getId()));
            if (number != null) {
                account.addIdentifier().setSystem(Canonical.ACCOUNT_SYSTEM_PREFIX + sender).setValue(number)
                        .setType(new CodeableConcept(new Coding(V2_0203, "AN", "Account number")));
            } else {
                account.addIdentifier().setSystem(Canonical.VISIT_SYSTEM_PREFIX + sender).setValue(visit)
                        .setType(new CodeableConcept(new Coding(V2_0203, "VN", "Visit number")));
            }
            return List.of(account);
        }

        /**
         * The guarantor: the Patient when GT1-11 is SEL (v2-to-FHIR), a contained Organization when
         * only GT1-21 (organization name) is given, else a contained RelatedPerson.
         */
        Reference guarantorParty(V2Segment gt1, Account account, int n) {
            String rel = V2Message.get(gt1, 11, 0, 1, 1);
            if (rel != null && "SEL".equalsIgnoreCase(rel)) {
                return new Reference(patient.getId());
            }
            List<org.hl7.fhir.r4.model.HumanName> names = V2Message.fields(gt1, 3).stream().map(V2People::name).filter(x -> x != null).toList();
            String orgName = V2Message.get(gt1, 21, 0, 1, 1);
            String id = "guarantor-" + n;
            if (names.isEmpty() && orgName != null) {
                Organization o = new Organization().setName(orgName);
                o.setId(id);
                V2Message.fields(gt1, 5).stream().map(V2People::address).filter(x -> x != null).forEach(o::addAddress);
                account.addContained(o);
                return new Reference("#" + id);
            }
            if (names.isEmpty()) {
                return null;
            }
            org.hl7.fhir.r4.model.RelatedPerson rp = new org.hl7.fhir.r4.model.RelatedPerson();
            rp.setId(id);
            rp.setPatient(new Reference(patient.getId()));
            names.forEach(rp::addName);
            V2Message.fields(gt1, 5).stream().map(V2People::address).filter(x -> x != null).forEach(rp::addAddress);
            for (V2Field xtn : V2Message.fields(gt1, 6)) {
                String phone = firstNonNull(xtn.c(1), xtn.c(6) != null && xtn.c(7) != null ? xtn.c(6) + xtn.c(7) : xtn.c(7), xtn.c(12));
                if (phone != null) rp.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(phone)
                        .setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.HOME);
            }
            rp.setBirthDateElement(V2Time.date(V2Message.get(gt1, 8, 0, 1, 1)));
            String sex = V2Message.get(gt1, 9, 0, 1, 1);
            if (sex != null) {
                rp.setGender(switch (sex.toUpperCase(Locale.ROOT)) {
                    case "M" -> Enumerations.AdministrativeGender.MALE;
                    case "F" -> Enumerations.AdministrativeGender.FEMALE;
                    case "O", "A", "N" -> Enumerations.AdministrativeGender.OTHER;
                    default -> Enumerations.AdministrativeGender.UNKNOWN;
                });
            }
            if (rel != null) rp.addRelationship(new CodeableConcept(new Coding(Canonical.V2_RELATIONSHIP, rel.toUpperCase(Locale.ROOT), null)));
            account.addContained(rp);
            return new Reference("#" + id);
        }

        // ---- DG1 / DRG ---------------------------------------------------------------------

        void diagnoses() {
            for (V2Segment dg1 : msg.all("DG1")) {
                V2Field code = V2Message.field(dg1, 3);
                CodeableConcept cc = codes.concept(code, CodeContext.DIAGNOSIS);
                if (cc == null) {
                    // Older feeds send free-text admitting diagnoses (DG1-3.2 / DG1-4 only): nothing to
                    // bill, so no Condition, but kept where a person sees it - the encounter's reason.
                    String text = firstNonNull(code.c(2), V2Message.get(dg1, 4, 0, 1, 1));
                    if (text != null) encounter.addReasonCode(new CodeableConcept().setText(text));
                    continue;
                }
                if (cc.getText() == null && V2Message.get(dg1, 4, 0, 1, 1) != null) cc.setText(V2Message.get(dg1, 4, 0, 1, 1));
                Coding primary = cc.getCodingFirstRep();
                Condition c = new Condition();
                c.setId(ResourceIds.urn("Condition", encounter.getId(), primary.getSystem(), primary.getCode()));
                c.setCode(cc);
                c.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null)));
                c.setSubject(new Reference(patient.getId()));
                c.setEncounter(new Reference(encounter.getId()));
                DateTimeType onset = V2Time.dateTime(V2Message.get(dg1, 5, 0, 1, 1), map.timeZone());
                if (onset != null) c.setOnset(onset);
                V2Message.fields(dg1, 16).forEach(x -> {
                    Practitioner p = people.practitioner(x);
                    if (p != null) c.setAsserter(new Reference(p.getId()));
                });
                String type = V2Message.get(dg1, 6, 0, 1, 1);
                Integer prio = parseIntOrNull(V2Message.get(dg1, 15, 0, 1, 1));
                String poa = V2Message.get(dg1, 26, 0, 1, 1);
                if (!hasId(conditions, c.getId())) conditions.add(c);
                dx.add(new DiagnosisFact(primary, cc.getText(), type, prio, poa == null ? null : poa.toUpperCase(Locale.ROOT), c.getId()));
                Encounter.DiagnosisComponent ed = encounter.addDiagnosis().setCondition(new Reference(c.getId()));
                if ("A".equalsIgnoreCase(type)) ed.setUse(new CodeableConcept(new Coding(DIAG_ROLE, "AD", "Admission diagnosis")));
                else if ("F".equalsIgnoreCase(type)) ed.setUse(new CodeableConcept(new Coding(DIAG_ROLE, "DD", "Discharge diagnosis")));
                else ed.setUse(new CodeableConcept(new Coding(DIAG_ROLE, "billing", "Billing")));
                if (prio != null && prio > 0) ed.setRank(prio);
            }
        }

        Coding drg() {
            String code = msg.first("DRG").map(d -> V2Message.get(d, 1, 0, 1, 1)).orElse(null);
            if (code == null) {
                // DG1-7 (DRG, withdrawn after v2.5) in older feeds.
                for (V2Segment dg1 : msg.all("DG1")) {
                    code = V2Message.get(dg1, 7, 0, 1, 1);
                    if (code != null) break;
                }
            }
            if (map.path(MappedField.DRG).isPresent() && !"DRG".equals(map.path(MappedField.DRG).get().segment())) {
                code = firstNonNull(get(MappedField.DRG), code, null);
            }
            return code == null ? null : new Coding(Canonical.MS_DRG_SYSTEM, code, null);
        }

        // ---- PR1 -----------------------------------------------------------------------------

        void procedures() {
            for (V2Segment pr1 : msg.all("PR1")) {
                CodeableConcept cc = codes.concept(V2Message.field(pr1, 3), CodeContext.PROCEDURE);
                if (cc == null) {
                    String text = firstNonNull(V2Message.get(pr1, 3, 0, 2, 1), V2Message.get(pr1, 4, 0, 1, 1));
                    if (text == null) {
                        continue; // an empty PR1 says nothing
                    }
                    // Uncoded: kept as a text-only Procedure (visible), left off the Claim (nothing to bill).
                    cc = new CodeableConcept().setText(text);
                }
                if (cc.getText() == null && V2Message.get(pr1, 4, 0, 1, 1) != null) cc.setText(V2Message.get(pr1, 4, 0, 1, 1));
                Procedure p = new Procedure();
                DateTimeType when = V2Time.dateTime(V2Message.get(pr1, 5, 0, 1, 1), map.timeZone());
                Coding c0 = cc.getCodingFirstRep();
                p.setId(ResourceIds.urn("Procedure", encounter.getId(), c0.hasCode() ? c0.getSystem() : "text", c0.hasCode() ? c0.getCode() : cc.getText(),
                        when == null ? "" : when.getValueAsString()));
                p.setStatus(Procedure.ProcedureStatus.COMPLETED);
                p.setCode(cc);
                p.setSubject(new Reference(patient.getId()));
                p.setEncounter(new Reference(encounter.getId()));
                if (when != null) p.setPerformed(when);
                // PR1-11 surgeon / PR1-12 anesthesiologist (v2.3–2.6; later versions use ROL).
                V2Message.fields(pr1, 11).forEach(x -> performer(p, people.practitioner(x), "304292004", "Surgeon"));
                V2Message.fields(pr1, 12).forEach(x -> performer(p, people.practitioner(x), "158970007", "Anesthetist"));
                String prio = V2Message.get(pr1, 14, 0, 1, 1);
                if (prio != null) {
                    p.addExtension("http://claimbridge.io/fhir/StructureDefinition/procedure-priority", new org.hl7.fhir.r4.model.IntegerType(parseInt(prio, 0)));
                }
                procedures.add(p);
            }
        }

        static void performer(Procedure p, Practitioner who, String snomed, String display) {
            if (who != null) {
                p.addPerformer().setActor(new Reference(who.getId()))
                        .setFunction(new CodeableConcept(new Coding("http://snomed.info/sct", snomed, display)));
            }
        }
    }

    static boolean hasId(List<? extends org.hl7.fhir.r4.model.Resource> resources, String id) {
        for (org.hl7.fhir.r4.model.Resource r : resources) {
            if (r.getId().equals(id)) return true;
        }
        return false;
    }

    static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    static int parseInt(String s, int dflt) {
        Integer i = parseIntOrNull(s);
        return i == null ? dflt : i;
    }

    static Integer parseIntOrNull(String s) {
        if (s == null) return null;
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal decimal(String s) {
        if (s == null) return null;
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new Hl7v2Exception("not a number where an amount/quantity is expected");
        }
    }

    static LocalDate localDate(String s) {
        return V2Time.localDate(s);
    }
}
