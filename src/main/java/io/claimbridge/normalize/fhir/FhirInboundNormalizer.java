package io.claimbridge.normalize.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.parser.DataFormatException;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.ResourceIds;
import io.claimbridge.normalize.claim.ClaimDraft;
import io.claimbridge.normalize.claim.DiagnosisFact;
import io.claimbridge.normalize.mapping.CodeSystems;
import io.claimbridge.normalize.mapping.LedgerEvent;
import io.claimbridge.normalize.mapping.Mappings;
import io.claimbridge.normalize.mapping.PatientClassRule;
import io.claimbridge.normalize.mapping.SenderMapping;

/**
 * FHIR R4 Encounter, Claim, or transaction/batch/collection Bundle → canonical {@link CodedEncounter}
 * (pure). Resources are copied, re-identified with the same deterministic ids the HL7v2 path uses
 * (sender + MRN, sender + visit number), references rewritten, and canonical identifiers added, so
 * FHIR and HL7v2 messages about one visit merge in the ledger. A missing required part fails with
 * {@link FhirInputException} naming the element.
 */
public final class FhirInboundNormalizer {

    private final Mappings mappings;

    public FhirInboundNormalizer(Mappings mappings) {
        this.mappings = mappings;
    }

    /** Parses JSON or XML (by first character) and normalizes. */
    public NormalizedMessage normalize(String content, String sender) {
        IBaseResource parsed;
        try {
            String t = content.stripLeading();
            parsed = (t.startsWith("<") ? FhirR4.context().newXmlParser() : FhirR4.json()).parseResource(t);
        } catch (DataFormatException e) {
            throw new FhirInputException("(document)", "not parseable FHIR R4: " + e.getMessage(), e);
        }
        return normalize((Resource) parsed, sender);
    }

    public NormalizedMessage normalize(Resource input, String sender) {
        SenderMapping map = mappings.forSender(sender == null ? "default" : sender);
        List<Resource> resources = new ArrayList<>();
        Map<String, Resource> byRef = new HashMap<>();
        if (input instanceof Bundle b) {
            if (b.getType() != Bundle.BundleType.TRANSACTION && b.getType() != Bundle.BundleType.BATCH && b.getType() != Bundle.BundleType.COLLECTION) {
                throw new FhirInputException("Bundle.type", "must be transaction, batch or collection, not " + b.getType());
            }
            for (int i = 0; i < b.getEntry().size(); i++) {
                Bundle.BundleEntryComponent e = b.getEntry().get(i);
                if (e.getResource() == null) continue;
                Resource r = e.getResource();
                resources.add(r);
                if (e.hasFullUrl()) byRef.put(e.getFullUrl(), r);
                if (r.hasIdElement() && r.getIdElement().hasIdPart()) byRef.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        } else {
            resources.add(input);
            if (input.hasIdElement() && input.getIdElement().hasIdPart()) byRef.put(input.fhirType() + "/" + input.getIdElement().getIdPart(), input);
        }
        if (input instanceof org.hl7.fhir.r4.model.DomainResource dr) {
            for (Resource c : dr.getContained()) {
                resources.add(c);
                byRef.put("#" + c.getIdElement().getIdPart(), c);
            }
        }
        return new Run(map, resources, byRef, input).build();
    }

    private static final class Run {
        final SenderMapping map;
        final String sender;
        final List<Resource> resources;
        final Map<String, Resource> byRef;
        final Resource input;
        /** old reference text → new urn:uuid */
        final Map<String, String> newIds = new HashMap<>();

        Run(SenderMapping map, List<Resource> resources, Map<String, Resource> byRef, Resource input) {
            this.map = map;
            this.sender = map.sender();
            this.resources = resources;
            this.byRef = byRef;
            this.input = input;
        }

        <T extends Resource> List<T> all(Class<T> type) {
            return resources.stream().filter(type::isInstance).map(type::cast).toList();
        }

        NormalizedMessage build() {
            Encounter enc = all(Encounter.class).stream().findFirst().orElse(null);
            Claim inClaim = all(Claim.class).stream().findFirst().orElse(null);
            if (enc == null && inClaim == null) {
                throw new FhirInputException(input.fhirType(), "needs an Encounter or a Claim");
            }
            String subjectPath = enc != null ? "Encounter.subject" : "Claim.patient";
            Reference subject = enc != null ? enc.getSubject() : inClaim.getPatient();
            Patient patient = resolve(subject, Patient.class).map(Patient::copy).orElseGet(() -> stubPatient(subject, subjectPath));

            // Visit number: Encounter.identifier (VN first), else the Claim identifier.
            String visit = enc != null ? visitNumber(enc.getIdentifier()) : null;
            if (visit == null && inClaim != null && inClaim.hasIdentifier()) visit = inClaim.getIdentifierFirstRep().getValue();
            if (visit == null) {
                throw new FhirInputException(enc != null ? "Encounter.identifier" : "Claim.identifier", "a visit number identifier is required");
            }
            String mrn = mrn(patient.getIdentifier());
            if (mrn == null) {
                throw new FhirInputException("Patient.identifier", "a medical record number identifier is required");
            }
            if (patient.getIdentifier().stream().noneMatch(i -> (Canonical.MRN_SYSTEM_PREFIX + sender).equals(i.getSystem()))) {
                patient.addIdentifier().setSystem(Canonical.MRN_SYSTEM_PREFIX + sender).setValue(mrn)
                        .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null)));
            }
            remember(subject, patient, ResourceIds.urn("Patient", sender, mrn));

            Encounter encounter = enc != null ? enc.copy() : encounterFromClaim(inClaim);
            if (enc != null) remember(enc, encounter, ResourceIds.urn("Encounter", sender, visit));
            else encounter.setId(ResourceIds.urn("Encounter", sender, visit));
            final String v = visit;
            if (encounter.getIdentifier().stream().noneMatch(i -> (Canonical.VISIT_SYSTEM_PREFIX + sender).equals(i.getSystem()))) {
                encounter.addIdentifier().setSystem(Canonical.VISIT_SYSTEM_PREFIX + sender).setValue(v)
                        .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "VN", null)));
            }

            List<Practitioner> practitioners = new ArrayList<>();
            for (Practitioner p : all(Practitioner.class)) {
                Practitioner c = p.copy();
                Identifier npi = p.getIdentifier().stream().filter(i -> Canonical.NPI_SYSTEM.equals(i.getSystem())).findFirst().orElse(p.getIdentifierFirstRep());
                remember(p, c, ResourceIds.urn("Practitioner", npi.hasValue() ? npi.getSystem() + "|" + npi.getValue() : "fhir|" + sender + "|" + p.getIdElement().getIdPart()));
                practitioners.add(c);
            }
            List<Organization> orgs = new ArrayList<>();
            for (Organization o : all(Organization.class)) {
                Organization c = o.copy();
                Identifier id = o.getIdentifierFirstRep();
                remember(o, c, ResourceIds.urn("Organization", id.hasValue() ? id.getSystem() + "|" + id.getValue() : "fhir|" + sender + "|" + o.getIdElement().getIdPart()));
                orgs.add(c);
            }
            Organization billing = orgs.stream().filter(o -> o.getIdentifier().stream().anyMatch(i -> Canonical.NPI_SYSTEM.equals(i.getSystem()))).findFirst().orElse(null);
            if (billing == null) {
                billing = new Organization().setName(map.billingProvider().name() != null ? map.billingProvider().name() : sender);
                if (map.billingProvider().npi() != null) billing.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(map.billingProvider().npi());
                billing.setId(ResourceIds.urn("Organization", map.billingProvider().npi() != null ? "npi|" + map.billingProvider().npi() : "sender|" + sender));
                if (map.billingProvider().taxId() != null) billing.addIdentifier().setSystem(Canonical.TAX_ID_SYSTEM).setValue(map.billingProvider().taxId());
                io.claimbridge.normalize.mapping.BillingProvider.Address a = map.billingProvider().address();
                if (a != null) {
                    org.hl7.fhir.r4.model.Address addr = billing.addAddress().setCity(a.city()).setState(a.state()).setPostalCode(a.postalCode());
                    if (a.line1() != null) addr.addLine(a.line1());
                    if (a.line2() != null) addr.addLine(a.line2());
                }
                orgs.add(0, billing);
            }
            if (!encounter.hasServiceProvider()) encounter.setServiceProvider(new Reference(billing.getId()));

            List<Coverage> coverages = new ArrayList<>();
            for (Coverage cov : all(Coverage.class)) {
                Coverage c = cov.copy();
                remember(cov, c, ResourceIds.urn("Coverage", sender, patient.getId(), c.getPayorFirstRep().getReference() == null ? "" : c.getPayorFirstRep().getReference(), c.getSubscriberId() == null ? "" : c.getSubscriberId()));
                coverages.add(c);
            }
            coverages.sort((a, b) -> Integer.compare(a.hasOrder() ? a.getOrder() : 99, b.hasOrder() ? b.getOrder() : 99));

            List<Condition> conditions = new ArrayList<>();
            for (Condition cond : all(Condition.class)) {
                Condition c = cond.copy();
                Coding code = canonical(c.getCode().getCodingFirstRep());
                if (code.getCode() == null) throw new FhirInputException("Condition.code", "a coded diagnosis is required");
                c.getCode().getCoding().set(0, code);
                remember(cond, c, ResourceIds.urn("Condition", encounter.getId(), code.getSystem(), code.getCode()));
                conditions.add(c);
            }
            List<Procedure> procedures = new ArrayList<>();
            for (Procedure proc : all(Procedure.class)) {
                Procedure c = proc.copy();
                Coding code = canonical(c.getCode().getCodingFirstRep());
                if (code.getCode() == null) throw new FhirInputException("Procedure.code", "a coded procedure is required");
                c.getCode().getCoding().set(0, code);
                remember(proc, c, ResourceIds.urn("Procedure", encounter.getId(), code.getSystem(), code.getCode(),
                        c.hasPerformedDateTimeType() ? c.getPerformedDateTimeType().getValueAsString() : ""));
                procedures.add(c);
            }

            List<Resource> out = new ArrayList<>();
            out.add(patient);
            out.add(encounter);
            out.addAll(coverages);
            out.addAll(orgs);
            out.addAll(practitioners);
            out.addAll(conditions);
            out.addAll(procedures);

            Claim claim;
            if (inClaim != null) {
                claim = inClaim.copy();
                claim.setId(ResourceIds.urn("Claim", sender, visit));
                for (Claim.DiagnosisComponent d : claim.getDiagnosis()) {
                    if (d.hasDiagnosisCodeableConcept()) {
                        d.getDiagnosisCodeableConcept().getCoding().replaceAll(this::canonical);
                    }
                }
                if (!claim.hasIdentifier()) claim.addIdentifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(visit);
                if (!claim.hasExtension(Canonical.EXT_FREQUENCY)) claim.addExtension(Canonical.EXT_FREQUENCY, new org.hl7.fhir.r4.model.CodeType("1"));
                out.add(claim);
            } else {
                PatientClassRule rule = map.patientClasses().values().stream()
                        .filter(r -> r.encounterClass().equals(encounter.getClass_().getCode())).findFirst().orElse(map.defaultPatientClass());
                List<DiagnosisFact> facts = new ArrayList<>();
                for (Encounter.DiagnosisComponent d : enc.getDiagnosis()) {
                    Condition c = resolve(d.getCondition(), Condition.class).orElseThrow(() ->
                            new FhirInputException("Encounter.diagnosis.condition", "must reference a Condition in the Bundle"));
                    Coding code = canonical(c.getCode().getCodingFirstRep());
                    String use = d.getUse().getCodingFirstRep().getCode();
                    facts.add(new DiagnosisFact(code, c.getCode().getText(), "AD".equals(use) ? "A" : "DD".equals(use) ? "F" : "W",
                            d.hasRank() ? d.getRank() : null, null, newIds.get(ref(d.getCondition()))));
                }
                if (facts.isEmpty()) {
                    for (Condition c : conditions) facts.add(new DiagnosisFact(c.getCode().getCodingFirstRep(), c.getCode().getText(), "W", null, null, c.getId()));
                }
                Practitioner attending = enc.getParticipant().stream()
                        .filter(p -> p.getType().stream().anyMatch(t -> t.hasCoding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND")))
                        .findFirst().flatMap(p -> resolve(p.getIndividual(), Practitioner.class))
                        .flatMap(p -> practitioners.stream().filter(x -> x.getId().equals(newIds.get(p.getIdElement().toUnqualifiedVersionless().getValue()))).findFirst())
                        .orElse(null);
                List<Organization> payers = orgs.stream().filter(o -> o != null && o.getIdentifier().stream().anyMatch(i -> Canonical.PAYER_ID_SYSTEM.equals(i.getSystem()))).toList();
                // lastUpdated as sent (its own offset); without it, now in UTC
                DateTimeType created = encounter.hasMeta() && encounter.getMeta().hasLastUpdated()
                        ? new DateTimeType(encounter.getMeta().getLastUpdatedElement().getValueAsString())
                        : ClaimDraft.created(Instant.now());
                // references must already be final for the draft: rewrite before assembling
                out.forEach(this::rewriteReferences);
                claim = new ClaimDraft(sender, visit, null, rule, patient, encounter, billing, coverages, payers, facts, null, procedures,
                        attending, null, created).toClaim();
                out.add(claim);
            }
            out.forEach(this::rewriteReferences);
            if (claim != null) {
                // The sender's Claim may name only a local patient id: point it at ours.
                claim.setPatient(new Reference(patient.getId()));
                if (!claim.hasProvider()) claim.setProvider(new Reference(billing.getId()));
            }
            LedgerEvent event = enc == null ? LedgerEvent.CHARGE : switch (enc.getStatus()) {
                case FINISHED -> LedgerEvent.DISCHARGE;
                case CANCELLED, ENTEREDINERROR -> LedgerEvent.CANCEL_ADMIT;
                default -> LedgerEvent.UPDATE;
            };
            List<org.hl7.fhir.r4.model.Account> accounts = accounts(visit, patient);
            CodedEncounter ce = new CodedEncounter(patient, encounter, coverages, orgs, practitioners, conditions, procedures, claim, accounts);
            String controlId = input.hasIdElement() && input.getIdElement().hasIdPart() ? input.fhirType() + "/" + input.getIdElement().getIdPart()
                    + (input.hasMeta() && input.getMeta().hasVersionId() ? "/_history/" + input.getMeta().getVersionId() : "") : null;
            Instant when = input.hasMeta() && input.getMeta().hasLastUpdated() ? input.getMeta().getLastUpdated().toInstant() : Instant.now();
            return new NormalizedMessage(sender, controlId, input.fhirType(), event, visit, when,
                    !conditions.isEmpty() || (inClaim != null && inClaim.hasDiagnosis()), !procedures.isEmpty(), ce);
        }

        Coding canonical(Coding c) {
            if (c.getSystem() == null || c.getCode() == null) return c.copy();
            String[] sc = CodeSystems.canonicalize(c.getSystem(), c.getCode());
            return new Coding(sc[0], sc[1], c.getDisplay());
        }

        Patient stubPatient(Reference subject, String path) {
            if (subject == null || !subject.hasIdentifier()) {
                throw new FhirInputException(path, "must resolve to a Patient in the Bundle or carry a Reference.identifier (MRN)");
            }
            Patient p = new Patient();
            p.addIdentifier(subject.getIdentifier().copy());
            return p;
        }

        Encounter encounterFromClaim(Claim c) {
            Encounter e = new Encounter();
            e.setStatus(Encounter.EncounterStatus.FINISHED);
            e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    c.getType().hasCoding(Canonical.CLAIM_TYPE, "institutional") ? "IMP" : "AMB", null));
            if (c.hasBillablePeriod()) e.setPeriod(c.getBillablePeriod().copy());
            e.setSubject(c.getPatient().copy());
            return e;
        }

        String visitNumber(List<Identifier> ids) {
            return ids.stream().filter(i -> i.getType().hasCoding("http://terminology.hl7.org/CodeSystem/v2-0203", "VN")).map(Identifier::getValue).filter(x -> x != null).findFirst()
                    .orElse(ids.stream().map(Identifier::getValue).filter(x -> x != null).findFirst().orElse(null));
        }

        String mrn(List<Identifier> ids) {
            return ids.stream().filter(i -> i.getType().hasCoding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR")).map(Identifier::getValue).filter(x -> x != null).findFirst()
                    .orElse(ids.stream().map(Identifier::getValue).filter(x -> x != null).findFirst().orElse(null));
        }

        /**
         * Accounts in the input pass through in the canonical shape (see Canonical): a guarantor
         * that is a RelatedPerson or Organization entry of the Bundle is contained in the Account,
         * so the Account stands alone in the ledger; a guarantor pointing at the patient stays a
         * reference to our Patient.
         */
        List<org.hl7.fhir.r4.model.Account> accounts(String visit, Patient patient) {
            List<org.hl7.fhir.r4.model.Account> out = new ArrayList<>();
            for (org.hl7.fhir.r4.model.Account in : all(org.hl7.fhir.r4.model.Account.class)) {
                org.hl7.fhir.r4.model.Account a = in.copy();
                // the first Account gets the id the HL7v2 path gives, so a GT1 later replaces it cleanly
                a.setId(out.isEmpty() ? ResourceIds.urn("Account", sender, visit) : ResourceIds.urn("Account", sender, visit, String.valueOf(out.size())));
                int n = 0;
                for (org.hl7.fhir.r4.model.Account.GuarantorComponent g : a.getGuarantor()) {
                    Resource party = resolve(g.getParty(), org.hl7.fhir.r4.model.RelatedPerson.class).map(Resource.class::cast)
                            .or(() -> resolve(g.getParty(), Organization.class)).orElse(null);
                    if (party == null) continue;
                    Resource c = party.copy();
                    String id = "guarantor-" + (++n);
                    c.setId(id);
                    rewriteReferences(c);
                    a.addContained(c);
                    g.setParty(new Reference("#" + id));
                }
                rewriteReferences(a);
                if (!a.hasSubject()) a.addSubject(new Reference(patient.getId()));
                out.add(a);
            }
            return out;
        }

        <T extends Resource> Optional<T> resolve(Reference r, Class<T> type) {
            if (r == null || !r.hasReference()) return Optional.empty();
            Resource res = byRef.get(ref(r));
            return type.isInstance(res) ? Optional.of(type.cast(res)) : Optional.empty();
        }

        static String ref(Reference r) {
            String s = r.getReference();
            if (s == null) return null;
            if (s.startsWith("#") || s.startsWith("urn:")) return s;
            String[] parts = s.split("/");
            // http://host/fhir/Patient/1 or Patient/1/_history/2 → Patient/1
            for (int i = 0; i + 1 < parts.length; i++) {
                if (Character.isUpperCase(parts[i].isEmpty() ? 'x' : parts[i].charAt(0)) && !parts[i + 1].isEmpty() && !"_history".equals(parts[i + 1])) {
                    return parts[i] + "/" + parts[i + 1];
                }
            }
            return s;
        }

        void remember(Reference from, Resource copy, String newId) {
            if (from != null && from.hasReference()) newIds.put(ref(from), newId);
            copy.setId(newId);
        }

        void remember(Resource original, Resource copy, String newId) {
            for (Map.Entry<String, Resource> e : byRef.entrySet()) {
                if (e.getValue() == original) newIds.put(e.getKey(), newId);
            }
            copy.setId(newId);
        }

        /** Rewrites every Reference inside a resource to the new ids (walks all properties). */
        void rewriteReferences(Base b) {
            if (b instanceof Reference r && r.hasReference()) {
                String n = newIds.get(ref(r));
                if (n != null) r.setReference(n);
                return;
            }
            for (Property p : b.children()) {
                for (Base v : p.getValues()) {
                    if (v != null && !(v instanceof Resource && v != b)) rewriteReferences(v);
                }
            }
        }
    }
}
