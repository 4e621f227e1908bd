package io.claimbridge.model;

/**
 * The conventions of the canonical model (FHIR R4, see {@link CodedEncounter}): code-system URIs
 * and the few claimbridge extensions for 837 facts that FHIR R4 Claim has no element for.
 *
 * <h2>Where each fact lives</h2>
 * <ul>
 *   <li><b>Patient</b>: identifier (MRN, system = {@link #MRN_SYSTEM_PREFIX} + sender, type MR),
 *       name, gender, birthDate, address.</li>
 *   <li><b>Encounter</b>: identifier (visit number, system = {@link #VISIT_SYSTEM_PREFIX} + sender),
 *       class (v3 ActCode IMP/AMB/EMER/OBSENC), period (admit/discharge), status,
 *       hospitalization.admitSource / dischargeDisposition (NUBC codes, {@link #NUBC_DISCHARGE_STATUS}),
 *       serviceProvider → billing Organization; priority = NUBC admission type
 *       ({@link #NUBC_ADMIT_TYPE}), admitSource = NUBC point of origin ({@link #NUBC_POINT_OF_ORIGIN});
 *       account number (PID-18) as identifier type AN ({@link #ACCOUNT_SYSTEM_PREFIX} + sender);
 *       diagnosis[] → Conditions with use AD/DD and rank.</li>
 *   <li><b>Coverage</b>: payor → payer Organization (identifier system {@link #PAYER_ID_SYSTEM}),
 *       subscriberId, relationship, order (1 = primary); subscriber = the Patient when self, else a
 *       RelatedPerson contained in the Coverage ("#subscriber": name, birthDate, gender, address for
 *       the 837 subscriber loop). A self-insured patient's member id is also a Patient identifier
 *       (type MB, {@link #MEMBER_ID_SYSTEM_PREFIX} + payer id).</li>
 *   <li><b>Account</b> (GT1, v2-to-FHIR GT1→Account): one per message holding the guarantors;
 *       status active, subject → Patient, identifier = account number (PID-18, {@link #ACCOUNT_SYSTEM_PREFIX}
 *       + sender) else the visit number; guarantor[] in priority order (GT1-15, then segment order),
 *       period/onHold not set. guarantor.party = the Patient when GT1-11 is SEL, else a RelatedPerson
 *       contained in the Account ("#guarantor-n": name GT1-3, address GT1-5, home phone GT1-6,
 *       birthDate GT1-8, gender GT1-9, relationship GT1-11 in {@link #V2_RELATIONSHIP}), or a
 *       contained Organization ("#guarantor-n", name GT1-21) when the guarantor is an organization
 *       and GT1-3 is empty. Contained rather than listed so the Account is replaced whole on merge.
 *       A later message with GT1 replaces the accounts; one without keeps them.</li>
 *   <li><b>Organization</b>: billing provider / facility with NPI ({@link #NPI_SYSTEM}) and tax id
 *       ({@link #TAX_ID_SYSTEM}); payers with {@link #PAYER_ID_SYSTEM}.</li>
 *   <li><b>Practitioner</b>: NPI identifier ({@link #NPI_SYSTEM}), name.</li>
 *   <li><b>Claim</b>:
 *     <ul>
 *       <li>type: http://terminology.hl7.org/CodeSystem/claim-type professional | institutional;</li>
 *       <li>use = claim, status = active (draft claims also active), created = release time in UTC
 *           (a draft: MSH-7 with its own offset, or the FHIR Encounter's lastUpdated);</li>
 *       <li>patient, provider (billing Organization), insurer (payer Organization),
 *           insurance[].coverage, careTeam[] (provider → Practitioner, role
 *           http://terminology.hl7.org/CodeSystem/claimcareteamrole: primary = attending/rendering,
 *           supervisor, assist, other; plus qualification NUCC if known);</li>
 *       <li>billablePeriod = encounter period (or date of service);</li>
 *       <li>facility / item.locationCodeableConcept = place of service ({@link #POS_SYSTEM});</li>
 *       <li>diagnosis[]: sequence 1..n; diagnosisCodeableConcept with {@link #ICD10CM};
 *           type principal | admitting | secondary (also "patientreasonforvisit") from
 *           {@link #DIAGNOSIS_TYPE}; onAdmission = POA (Y/N/U/W/1) from {@link #POA_SYSTEM};
 *           packageCode = MS-DRG when known;</li>
 *       <li>procedure[]: sequence, date, procedureCodeableConcept ({@link #ICD10PCS} or {@link #CPT}
 *           / {@link #HCPCS});</li>
 *       <li>item[]: sequence, productOrService ({@link #CPT} / {@link #HCPCS}; a local charge code
 *           that is not yet coded sits in {@link #CHARGE_CODE_SYSTEM}), modifier[] ({@link #MODIFIER_SYSTEM}),
 *           revenue ({@link #REVENUE_SYSTEM}), quantity, unitPrice, net (= charge amount, USD),
 *           servicedDate, diagnosisSequence (pointers into diagnosis[].sequence), careTeamSequence;</li>
 *       <li>total = sum of item.net;</li>
 *       <li>extension {@link #EXT_FREQUENCY}: valueCode 1 (original), 7 (replacement), 8 (void);
 *           related[].claim.identifier = id of the claim it corrects when 7/8, and related[].reference
 *           ({@link #PAYER_CLAIM_NUMBER_SYSTEM}) = the payer's claim number of that original (REF*F8),
 *           filled in from the claim store when the claim is checked (see {@link RelatedClaims});</li>
 *       <li>extension {@link #EXT_TYPE_OF_BILL}: valueString e.g. "0111" (institutional);</li>
 *       <li>careTeam[].role: second coding from {@link #CARE_TEAM_ROLE_DETAIL} (attending,
 *           rendering, referring, ordering, operating) names the 837 provider loop;</li>
 *       <li>diagnosis[principal].packageCode = MS-DRG ({@link #MS_DRG_SYSTEM});
 *           item[].productOrService may carry two codings: CPT/HCPCS and the sender's charge code;
 *           credits/reversals are already netted into the lines (no negative-only pairs);</li>
 *       <li>identifier: system {@link #CLAIM_ID_SYSTEM}, value = our claim id (the CLM01 patient
 *           control number).</li>
 *     </ul></li>
 * </ul>
 */
public final class Canonical {
    private Canonical() {
    }

    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    public static final String MODIFIER_SYSTEM = "http://claimbridge.io/fhir/CodeSystem/modifier";
    public static final String REVENUE_SYSTEM = "https://www.nubc.org/CodeSystem/RevenueCodes";
    public static final String POS_SYSTEM = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
    public static final String NUBC_DISCHARGE_STATUS = "https://www.nubc.org/CodeSystem/PatDischargeStatus";
    public static final String DIAGNOSIS_TYPE = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";
    public static final String POA_SYSTEM = "https://www.cms.gov/Medicare/Coding/ICD10/POA";
    public static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    public static final String CARE_TEAM_ROLE = "http://terminology.hl7.org/CodeSystem/claimcareteamrole";
    public static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    public static final String TAX_ID_SYSTEM = "urn:oid:2.16.840.1.113883.4.4";
    public static final String PAYER_ID_SYSTEM = "http://claimbridge.io/fhir/sid/payer-id";
    public static final String CHARGE_CODE_SYSTEM = "http://claimbridge.io/fhir/sid/charge-code";
    public static final String CLAIM_ID_SYSTEM = "http://claimbridge.io/fhir/sid/claim-id";
    /** Claim.related.reference: the payer's claim control number (ICN/DCN) of the claim a replacement or void corrects. */
    public static final String PAYER_CLAIM_NUMBER_SYSTEM = "http://claimbridge.io/fhir/sid/payer-claim-number";

    /**
     * Whether an identifier can travel in an X12 element as the 837 writer writes it: printable
     * ASCII without its delimiters (* : ~ ^). Ids are checked against this wherever they enter.
     */
    public static boolean isX12Carriable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '*' || c == ':' || c == '~' || c == '^') {
                return false;
            }
        }
        return true;
    }
    public static final String MRN_SYSTEM_PREFIX = "http://claimbridge.io/fhir/sid/mrn/";
    public static final String VISIT_SYSTEM_PREFIX = "http://claimbridge.io/fhir/sid/visit/";
    public static final String EXT_FREQUENCY = "http://claimbridge.io/fhir/StructureDefinition/claim-frequency";
    public static final String EXT_TYPE_OF_BILL = "http://claimbridge.io/fhir/StructureDefinition/type-of-bill";

    // Added by normalize (facts an 837 needs that the list above had no name for).
    /** Claim.diagnosis.packageCode system (MS-DRG from DRG-1). */
    public static final String MS_DRG_SYSTEM = "https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG";
    /** Encounter.hospitalization.admitSource: NUBC point of origin (UB-04 FL 15, 837I CL1-02). */
    public static final String NUBC_POINT_OF_ORIGIN = "https://www.nubc.org/CodeSystem/PointOfOrigin";
    /** Encounter.priority: NUBC priority (type) of admission (UB-04 FL 14, 837I CL1-01). */
    public static final String NUBC_ADMIT_TYPE = "https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitDischarge";
    /**
     * Second coding on Claim.careTeam.role that says which 837 provider loop a member is:
     * attending, rendering, referring, ordering, operating, admitting. The first coding stays the
     * standard {@link #CARE_TEAM_ROLE} (primary / other).
     */
    public static final String CARE_TEAM_ROLE_DETAIL = "http://claimbridge.io/fhir/CodeSystem/care-team-role";
    /** Encounter.identifier (type AN) for the patient account number (PID-18), prefix + sender. */
    public static final String ACCOUNT_SYSTEM_PREFIX = "http://claimbridge.io/fhir/sid/account/";
    /** Practitioner.identifier for a sender-local provider id that is not an NPI, prefix + sender. */
    public static final String PROVIDER_ID_SYSTEM_PREFIX = "http://claimbridge.io/fhir/sid/provider/";
    /** Patient.identifier (type MB) for the patient's own insurance member id, prefix + payer id. */
    public static final String MEMBER_ID_SYSTEM_PREFIX = "http://claimbridge.io/fhir/sid/member/";
    /** RelatedPerson.relationship for GT1-11 / IN1-17 (HL7 table 0063). */
    public static final String V2_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/v2-0063";
    /** Claim.item extension (valueString): the sender's FT1-2 transaction ids netted into the line. */
    public static final String EXT_SOURCE_TRANSACTION = "http://claimbridge.io/fhir/StructureDefinition/source-transaction";
}
