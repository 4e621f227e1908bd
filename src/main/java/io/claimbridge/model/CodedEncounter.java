package io.claimbridge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * The canonical coded encounter: plain HAPI FHIR R4 resources, the source of truth every stage
 * after ingest reads. This record only groups them; conventions for what goes where are in
 * {@link Canonical} so normalize, coding and delivery agree without talking to each other.
 *
 * <p>Claim references point at the other resources by their {@code fullUrl} ids
 * ({@code urn:uuid:...}), so {@link #toBundle()} is a self-contained collection Bundle.
 *
 * <p>{@code accounts} (from GT1) keep their non-patient guarantors contained (see {@link Canonical}),
 * so an Account round-trips through the Bundle on its own and a merge replaces it whole.
 */
public record CodedEncounter(
        Patient patient,
        Encounter encounter,
        List<Coverage> coverages,
        List<Organization> organizations,
        List<Practitioner> practitioners,
        List<Condition> conditions,
        List<Procedure> procedures,
        Claim claim,
        List<Account> accounts) {

    /** The contract before accounts existed: no Account. */
    public CodedEncounter(Patient patient, Encounter encounter, List<Coverage> coverages, List<Organization> organizations,
            List<Practitioner> practitioners, List<Condition> conditions, List<Procedure> procedures, Claim claim) {
        this(patient, encounter, coverages, organizations, practitioners, conditions, procedures, claim, List.of());
    }

    public CodedEncounter {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(encounter, "encounter");
        coverages = List.copyOf(coverages);
        organizations = List.copyOf(organizations);
        practitioners = List.copyOf(practitioners);
        conditions = List.copyOf(conditions);
        procedures = List.copyOf(procedures);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** The same encounter with another account list (null = none). */
    public CodedEncounter withAccounts(List<Account> accounts) {
        return new CodedEncounter(patient, encounter, coverages, organizations, practitioners, conditions, procedures, claim, accounts);
    }

    /** A collection Bundle holding every resource, each with its {@code urn:uuid} fullUrl. */
    public Bundle toBundle() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource r : all()) {
            bundle.addEntry().setFullUrl(r.getIdElement().getValue()).setResource(r);
        }
        return bundle;
    }

    /** Reads back what {@link #toBundle()} wrote (resource order does not matter). */
    public static CodedEncounter fromBundle(Bundle bundle) {
        Patient patient = null;
        Encounter encounter = null;
        Claim claim = null;
        List<Coverage> coverages = new ArrayList<>();
        List<Organization> orgs = new ArrayList<>();
        List<Practitioner> practitioners = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<Procedure> procedures = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null) {
                continue;
            }
            if (e.hasFullUrl()) {
                r.setId(e.getFullUrl());
            }
            if (r instanceof Patient p) patient = p;
            else if (r instanceof Encounter en) encounter = en;
            else if (r instanceof Claim c) claim = c;
            else if (r instanceof Coverage c) coverages.add(c);
            else if (r instanceof Organization o) orgs.add(o);
            else if (r instanceof Practitioner p) practitioners.add(p);
            else if (r instanceof Condition c) conditions.add(c);
            else if (r instanceof Procedure p) procedures.add(p);
            else if (r instanceof Account a) accounts.add(a);
        }
        return new CodedEncounter(patient, encounter, coverages, orgs, practitioners, conditions, procedures, claim, accounts);
    }

    public List<Resource> all() {
        List<Resource> all = new ArrayList<>();
        all.add(patient);
        all.add(encounter);
        all.addAll(coverages);
        all.addAll(organizations);
        all.addAll(practitioners);
        all.addAll(conditions);
        all.addAll(procedures);
        all.addAll(accounts);
        if (claim != null) {
            all.add(claim);
        }
        return all;
    }
}
