package io.claimbridge.normalize.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.claim.ClaimDraft;
import io.claimbridge.normalize.claim.ClaimLines;
import io.claimbridge.normalize.mapping.LedgerEvent;

/**
 * The encounter ledger's merge and release rules, as a pure function of (state, message, now).
 *
 * <ul>
 *   <li>A01/A04 create (or complete a PENDING visit made by an early DFT); A08/A03 replace
 *       demographics, encounter and coverage, and — when the message carries DG1 (PR1) — the whole
 *       diagnosis (procedure) set; charge lines survive, re-pointed at the new diagnoses. Accounts
 *       (GT1 guarantors) are replaced by any message that carries GT1, kept otherwise.</li>
 *   <li>DFT adds signed charge lines; credits/reversals net against earlier charges.</li>
 *   <li>A03 discharges, A13 undoes it, A11 cancels the visit.</li>
 *   <li>Release: institutional once discharged and the bill hold has passed; professional per
 *       date of service once that day (or the discharge) is bill-hold old. A released group whose
 *       content changes goes out again as a replacement (frequency 7, related = original id)
 *       after the hold; a cancelled visit's released claims are voided (8).</li>
 * </ul>
 * A visit never bills while PENDING (no ADT has named it yet) or without charge lines; a sender
 * whose feed has no ADT maps its DFT to {@code charge-visit}, which names the visit too.
 */
public final class EncounterLedger {

    static final String INSTITUTIONAL_GROUP = "encounter";

    private final LedgerPolicy policy;

    public EncounterLedger(LedgerPolicy policy) {
        this.policy = policy;
    }

    /** Merges one normalized message into the visit's state (null = first message) and releases what is due. */
    public LedgerResult apply(LedgerState state, NormalizedMessage msg, Instant now) {
        if (state != null && (!state.sender().equals(msg.sender()) || !state.visitNumber().equals(msg.visitNumber()))) {
            throw new IllegalArgumentException("message for another visit");
        }
        if (state != null && msg.controlId() != null && state.appliedMessages().contains(msg.controlId())) {
            return new LedgerResult(state, List.of(), true);
        }
        CodedEncounter merged = state == null ? fresh(msg) : merge(state, msg);
        LedgerStatus status = nextStatus(state == null ? null : state.status(), msg.event());
        Instant discharged = switch (msg.event()) {
            case DISCHARGE -> dischargeTime(merged.encounter(), msg.messageTime());
            case CANCEL_DISCHARGE, CANCEL_ADMIT -> null;
            default -> state == null ? null : state.dischargedAt();
        };
        merged = withEncounterStatus(merged, status, msg.event());
        Set<String> applied = new LinkedHashSet<>(state == null ? Set.of() : state.appliedMessages());
        if (msg.controlId() != null) applied.add(msg.controlId());
        LedgerState next = new LedgerState(msg.sender(), msg.visitNumber(), status, merged, discharged, now, applied,
                state == null ? List.of() : state.releases());
        return evaluate(next, now);
    }

    /** Time-driven check (bill hold expiry): what is releasable now, and the state counting it released. */
    public LedgerResult evaluate(LedgerState state, Instant now) {
        List<Release> out = new ArrayList<>();
        List<ReleaseRecord> records = new ArrayList<>(state.releases());
        Claim draft = state.encounter().claim();
        if (state.status() == LedgerStatus.CANCELLED) {
            for (String group : groupsReleased(records)) {
                ReleaseRecord last = lastOf(records, group);
                if (last.frequency() != 8) {
                    Claim voided = draftFor(group, draft);
                    out.add(release(state, records, group, voided, 8, now));
                }
            }
        } else if (state.status() != LedgerStatus.PENDING && draft != null && draft.hasItem()) {
            boolean institutional = draft.getType().hasCoding(Canonical.CLAIM_TYPE, "institutional");
            if (institutional) {
                if (state.status() == LedgerStatus.DISCHARGED && !now.isBefore(state.dischargedAt().plus(policy.billHold()))) {
                    maybeRelease(state, records, INSTITUTIONAL_GROUP, draft.copy(), now, out);
                }
            } else {
                for (Map.Entry<String, List<Claim.ItemComponent>> g : byDateOfService(draft).entrySet()) {
                    LocalDate dos = LocalDate.parse(g.getKey().substring(4));
                    Instant dayOver = dos.plusDays(1).atStartOfDay(policy.zone()).toInstant();
                    Instant ready = state.status() == LedgerStatus.DISCHARGED && state.dischargedAt().isBefore(dayOver) ? state.dischargedAt() : dayOver;
                    if (!now.isBefore(ready.plus(policy.billHold()))) {
                        maybeRelease(state, records, g.getKey(), draftFor(g.getKey(), draft), now, out);
                    }
                }
            }
        }
        LedgerState next = new LedgerState(state.sender(), state.visitNumber(), state.status(), state.encounter(),
                state.dischargedAt(), state.lastChangeAt(), state.appliedMessages(), records);
        return new LedgerResult(next, out, false);
    }

    /**
     * The earliest time {@link #evaluate} could release something for this state without a new
     * message, or null when only a message can change that. Never later than the real time (it may
     * be earlier: an evaluation that releases nothing just asks again), so a clock that evaluates
     * visits once this time has passed misses nothing and leaves idle visits alone.
     */
    public Instant nextDue(LedgerState state) {
        List<ReleaseRecord> records = state.releases();
        if (state.status() == LedgerStatus.CANCELLED) {
            boolean unvoided = groupsReleased(records).stream().anyMatch(g -> lastOf(records, g).frequency() != 8);
            return unvoided ? state.lastChangeAt() : null;
        }
        Claim draft = state.encounter().claim();
        if (state.status() == LedgerStatus.PENDING || draft == null || !draft.hasItem()) {
            return null;
        }
        if (draft.getType().hasCoding(Canonical.CLAIM_TYPE, "institutional")) {
            return state.status() == LedgerStatus.DISCHARGED
                    ? dueFor(state, lastOf(records, INSTITUTIONAL_GROUP), state.dischargedAt()) : null;
        }
        Instant earliest = null;
        for (String group : byDateOfService(draft).keySet()) {
            Instant dayOver = LocalDate.parse(group.substring(4)).plusDays(1).atStartOfDay(policy.zone()).toInstant();
            Instant ready = state.status() == LedgerStatus.DISCHARGED && state.dischargedAt().isBefore(dayOver)
                    ? state.dischargedAt() : dayOver;
            Instant due = dueFor(state, lastOf(records, group), ready);
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return earliest;
    }

    /** A group first goes out once ready + hold; a released one only if it changed since (then after the hold). */
    private Instant dueFor(LedgerState state, ReleaseRecord last, Instant ready) {
        Instant first = ready.plus(policy.billHold());
        if (last == null || last.frequency() == 8) {
            return first;
        }
        if (state.lastChangeAt() == null || !state.lastChangeAt().isAfter(last.releasedAt())) {
            return null;
        }
        Instant replacement = state.lastChangeAt().plus(policy.billHold());
        return replacement.isAfter(first) ? replacement : first;
    }

    private void maybeRelease(LedgerState state, List<ReleaseRecord> records, String group, Claim claim, Instant now, List<Release> out) {
        ReleaseRecord last = lastOf(records, group);
        String hash = hash(claim);
        if (last == null || last.frequency() == 8) {
            out.add(release(state, records, group, claim, 1, now, hash));
        } else if (!last.contentHash().equals(hash) && !now.isBefore(state.lastChangeAt().plus(policy.billHold()))) {
            out.add(release(state, records, group, claim, 7, now, hash));
        }
    }

    /** Finalizes a claim for sending (id, frequency, related, created, type-of-bill) and records it. */
    private Release release(LedgerState state, List<ReleaseRecord> records, String group, Claim claim, int frequency, Instant now) {
        return release(state, records, group, claim, frequency, now, hash(claim));
    }

    private Release release(LedgerState state, List<ReleaseRecord> records, String group, Claim claim, int frequency,
                            Instant now, String hash) {
        String base = claim.getIdentifierFirstRep().getValue() + (INSTITUTIONAL_GROUP.equals(group) ? "" : "-" + group.substring(4).replace("-", ""));
        long n = records.stream().filter(r -> r.group().equals(group)).count();
        String claimId = n == 0 ? base : base + "-" + (n + 1);
        // A replacement or void corrects the claim the payer holds now: the group's latest release.
        // Once the payer adjusted the first replacement, the frequency-1 claim's number is no longer active.
        ReleaseRecord corrected = lastOf(records, group);
        String originalId = frequency == 1 || corrected == null ? null : corrected.claimId();

        claim.getIdentifier().clear();
        claim.addIdentifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(claimId);
        claim.setCreatedElement(ClaimDraft.created(now));
        claim.getExtension().removeIf(e -> Canonical.EXT_FREQUENCY.equals(e.getUrl()));
        claim.addExtension(Canonical.EXT_FREQUENCY, new CodeType(String.valueOf(frequency)));
        if (claim.hasExtension(Canonical.EXT_TYPE_OF_BILL)) {
            String tob = claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).getValue().primitiveValue();
            claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).setValue(new StringType(tob.substring(0, tob.length() - 1) + frequency));
        }
        claim.getRelated().clear();
        if (originalId != null) {
            claim.addRelated().setRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship", "prior", null)))
                    .getClaim().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(originalId));
        }
        if (frequency == 8) {
            claim.setStatus(Claim.ClaimStatus.CANCELLED);
        }
        ReleaseRecord rec = new ReleaseRecord(group, claimId, frequency, originalId, now, hash);
        records.add(rec);
        CodedEncounter e = state.encounter();
        return new Release(rec, new CodedEncounter(e.patient(), e.encounter(), e.coverages(), e.organizations(), e.practitioners(),
                e.conditions(), e.procedures(), claim, e.accounts()));
    }

    // ---- merge -------------------------------------------------------------------------------

    /**
     * States are never changed once made (the engine keeps them in memory between messages): a new
     * state takes the unchanged resources of the old one and of the message as they are, and copies
     * only what it changes (Encounter, Claim).
     */
    private static CodedEncounter fresh(NormalizedMessage msg) {
        CodedEncounter in = msg.encounter();
        return new CodedEncounter(in.patient(), in.encounter().copy(), in.coverages(), in.organizations(),
                in.practitioners(), in.conditions(), in.procedures(), in.claim() == null ? null : in.claim().copy(),
                in.accounts());
    }

    private static CodedEncounter merge(LedgerState state, NormalizedMessage msg) {
        // read-only sources: everything changed below is a copy (see fresh)
        CodedEncounter cur = state.encounter();
        CodedEncounter in = msg.encounter();
        boolean charge = msg.event() == LedgerEvent.CHARGE || msg.event() == LedgerEvent.CHARGE_VISIT;
        // A charge message fills in who/what only for a visit no ADT has described yet.
        boolean adtLike = !charge || state.status() == LedgerStatus.PENDING;
        boolean takeDx = msg.hasDiagnoses() && (!charge || cur.claim().getDiagnosis().isEmpty());
        boolean takeProc = msg.hasProcedures() && (!charge || cur.procedures().isEmpty());

        Encounter encounter = adtLike && !charge ? in.encounter().copy() : cur.encounter().copy();
        if (charge && state.status() == LedgerStatus.PENDING) encounter = in.encounter().copy();
        if (adtLike && !charge && state.status() == LedgerStatus.DISCHARGED && !in.encounter().getPeriod().hasEnd()
                && msg.event() != LedgerEvent.CANCEL_DISCHARGE && cur.encounter().getPeriod().hasEnd()) {
            // An A08 after discharge without PV1-45 must not reopen the stay.
            encounter.getPeriod().setEndElement(cur.encounter().getPeriod().getEndElement().copy());
        }
        List<Condition> conditions = takeDx ? in.conditions() : cur.conditions();
        if (takeDx) {
            encounter.setDiagnosis(in.encounter().copy().getDiagnosis());
        } else if (!adtLike || charge) {
            // encounter copied from current: keeps its diagnosis list
        } else {
            encounter.setDiagnosis(cur.encounter().copy().getDiagnosis());
        }
        List<Procedure> procedures = takeProc ? in.procedures() : cur.procedures();
        List<Coverage> coverages = adtLike && !in.coverages().isEmpty() ? in.coverages() : cur.coverages().isEmpty() ? in.coverages() : cur.coverages();

        Claim header = (adtLike ? in.claim() : cur.claim()).copy();
        header.setDiagnosis(takeDx ? in.claim().copy().getDiagnosis() : cur.claim().copy().getDiagnosis());
        header.setProcedure(takeProc ? in.claim().copy().getProcedure() : cur.claim().copy().getProcedure());
        header.getItem().clear();
        // Insurance follows the coverages kept (an A03 without IN1 keeps the A01's).
        header.getInsurance().clear();
        header.setInsurer(null);
        int seq = 0;
        for (Coverage c : coverages) {
            header.addInsurance().setSequence(++seq).setFocal(seq == 1).setCoverage(new org.hl7.fhir.r4.model.Reference(c.getId()));
            if (seq == 1 && c.hasPayor()) header.setInsurer(c.getPayorFirstRep().copy());
        }
        List<Claim.ItemComponent> items = new ArrayList<>(ClaimLines.repoint(cur.claim(), cur.claim().getItem(), header));
        if (charge) {
            items.addAll(ClaimLines.repoint(in.claim(), in.claim().getItem(), header));
        }
        List<Claim.ItemComponent> netted = ClaimLines.net(items);
        header.setItem(netted);
        header.setTotal(ClaimLines.money(ClaimLines.total(netted)));
        if (encounter.hasPeriod()) header.setBillablePeriod(encounter.getPeriod().copy());

        return new CodedEncounter(adtLike && !charge || state.status() == LedgerStatus.PENDING ? in.patient() : cur.patient(),
                encounter, coverages, union(cur.organizations(), in.organizations()), union(cur.practitioners(), in.practitioners()),
                conditions, procedures, header,
                // GT1 is all-or-nothing per message: a message with GT1 replaces the guarantors, one without keeps them.
                in.accounts().isEmpty() ? cur.accounts() : in.accounts());
    }

    private static <T extends Resource> List<T> union(List<T> older, List<T> newer) {
        Map<String, T> byId = new LinkedHashMap<>();
        older.forEach(r -> byId.put(r.getIdElement().getValue(), r));
        newer.forEach(r -> byId.put(r.getIdElement().getValue(), r));
        return new ArrayList<>(byId.values());
    }

    private static LedgerStatus nextStatus(LedgerStatus cur, LedgerEvent e) {
        return switch (e) {
            case ADMIT, REGISTER -> LedgerStatus.OPEN;
            case UPDATE -> cur == null || cur == LedgerStatus.PENDING ? LedgerStatus.OPEN : cur;
            case CHARGE -> cur == null ? LedgerStatus.PENDING : cur;
            case CHARGE_VISIT -> cur == null || cur == LedgerStatus.PENDING ? LedgerStatus.OPEN : cur;
            case DISCHARGE -> LedgerStatus.DISCHARGED;
            case CANCEL_DISCHARGE -> cur == LedgerStatus.CANCELLED ? cur : LedgerStatus.OPEN;
            case CANCEL_ADMIT -> LedgerStatus.CANCELLED;
        };
    }

    private static CodedEncounter withEncounterStatus(CodedEncounter ce, LedgerStatus status, LedgerEvent e) {
        Encounter enc = ce.encounter();
        switch (status) {
            case CANCELLED -> enc.setStatus(Encounter.EncounterStatus.CANCELLED);
            case DISCHARGED -> enc.setStatus(Encounter.EncounterStatus.FINISHED);
            case OPEN -> {
                enc.setStatus(Encounter.EncounterStatus.INPROGRESS);
                if (e == LedgerEvent.CANCEL_DISCHARGE && enc.hasPeriod()) {
                    enc.getPeriod().setEndElement(null);
                    enc.getHospitalization().setDischargeDisposition(null);
                    if (ce.claim() != null) ce.claim().setBillablePeriod(enc.getPeriod().copy());
                }
            }
            default -> { }
        }
        return ce;
    }

    private static Instant dischargeTime(Encounter e, Instant fallback) {
        Period p = e.getPeriod();
        return p.hasEnd() ? p.getEnd().toInstant() : fallback;
    }

    // ---- professional groups --------------------------------------------------------------

    private static Map<String, List<Claim.ItemComponent>> byDateOfService(Claim c) {
        Map<String, List<Claim.ItemComponent>> g = new LinkedHashMap<>();
        for (Claim.ItemComponent it : c.getItem()) {
            g.computeIfAbsent(group(it, c), k -> new ArrayList<>()).add(it);
        }
        return g;
    }

    private static String group(Claim.ItemComponent it, Claim c) {
        String d;
        if (it.hasServicedDateType()) {
            d = it.getServicedDateType().getValueAsString();
        } else if (it.hasServicedPeriod() && it.getServicedPeriod().hasStart()) {
            d = it.getServicedPeriod().getStartElement().getValueAsString();
        } else if (c.hasBillablePeriod() && c.getBillablePeriod().hasStart()) {
            d = c.getBillablePeriod().getStartElement().getValueAsString();
        } else if (c.hasCreated()) {
            d = c.getCreatedElement().getValueAsString(); // last resort: the date the claim was written
        } else {
            throw new IllegalArgumentException("Claim.item[" + (it.getSequence() - 1)
                    + "] has no date of service (item.servicedDate, Claim.billablePeriod or Claim.created)");
        }
        return "dos:" + d.substring(0, 10);
    }

    /** The claim for one group: the encounter claim, or one date of service with only its lines and diagnoses. */
    private static Claim draftFor(String group, Claim draft) {
        if (INSTITUTIONAL_GROUP.equals(group)) {
            return draft.copy();
        }
        Claim c = draft.copy();
        List<Claim.ItemComponent> day = draft.getItem().stream().filter(it -> group(it, draft).equals(group)).toList();
        c.getDiagnosis().clear();
        c.getItem().clear();
        // Keep the principal first, then the codes the day's lines point at, in the original order.
        Set<Integer> used = new LinkedHashSet<>();
        day.forEach(it -> it.getDiagnosisSequence().forEach(p -> used.add(p.getValue())));
        for (Claim.DiagnosisComponent d : draft.getDiagnosis()) {
            if (used.contains(d.getSequence())) {
                ClaimLines.diagnosisSequence(c, d.getDiagnosisCodeableConcept().getCodingFirstRep());
            }
        }
        List<Claim.ItemComponent> lines = ClaimLines.repoint(draft, day, c);
        for (int i = 0; i < lines.size(); i++) lines.get(i).setSequence(i + 1);
        c.setItem(lines);
        c.setTotal(ClaimLines.money(ClaimLines.total(lines)));
        String d = group.substring(4);
        c.setBillablePeriod(new Period().setStartElement(new DateTimeType(d)).setEndElement(new DateTimeType(d)));
        return c;
    }

    private static List<String> groupsReleased(List<ReleaseRecord> records) {
        return records.stream().map(ReleaseRecord::group).distinct().toList();
    }

    private static ReleaseRecord lastOf(List<ReleaseRecord> records, String group) {
        ReleaseRecord last = null;
        for (ReleaseRecord r : records) {
            if (r.group().equals(group)) last = r;
        }
        return last;
    }

    private static final Set<String> RELEASE_SET = Set.of("id", "created", "identifier", "related", "status");

    /** Content hash of what a payer sees, ignoring the fields a release itself sets. */
    static String hash(Claim claim) {
        // A shallow clone (the same element objects) without those fields: a deep copy re-parses every date.
        Claim c = new Claim();
        for (org.hl7.fhir.r4.model.Property p : claim.children()) {
            if (!RELEASE_SET.contains(p.getName())) {
                p.getValues().forEach(v -> c.setProperty(p.getName(), v));
            }
        }
        c.getExtension().removeIf(e -> Canonical.EXT_FREQUENCY.equals(e.getUrl()) || Canonical.EXT_TYPE_OF_BILL.equals(e.getUrl()));
        String json = FhirR4.encode(c);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
