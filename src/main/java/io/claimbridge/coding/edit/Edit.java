package io.claimbridge.coding.edit;

/**
 * The catalogue of claimbridge claim edits: stable ids, default severity, FHIR issue type and the
 * CMS edit each one corresponds to (mirrored in conformance/README.md).
 */
public enum Edit {
    CS_FALLBACK("CB-CS-001", Severity.WARNING, "not-found", "Code set for the date of service not loaded; nearest release used", "-"),
    DX_INVALID("CB-DX-001", Severity.ERROR, "code-invalid", "Invalid ICD-10-CM code", "MCE 1 Invalid diagnosis or procedure code"),
    DX_HEADER("CB-DX-002", Severity.ERROR, "code-invalid", "ICD-10-CM header (non-billable) code", "MCE 1 (code not valid for submission)"),
    DX_NOT_ON_DOS("CB-DX-003", Severity.ERROR, "code-invalid", "ICD-10-CM code not valid on the date of service", "MCE 1 (invalid for discharge date)"),
    DX_SEX("CB-DX-004", Severity.ERROR, "business-rule", "Diagnosis conflicts with patient sex", "MCE Sex conflict (ended 2024-09-30)"),
    DX_AGE("CB-DX-005", Severity.ERROR, "business-rule", "Diagnosis conflicts with patient age", "MCE Age conflict"),
    DX_MANIFESTATION("CB-DX-006", Severity.ERROR, "business-rule", "Manifestation code as principal diagnosis", "MCE Manifestation code as principal diagnosis"),
    DX_UNACCEPTABLE("CB-DX-007", Severity.ERROR, "business-rule", "Unacceptable principal diagnosis", "MCE Unacceptable principal diagnosis"),
    DX_EXTERNAL_CAUSE("CB-DX-008", Severity.ERROR, "business-rule", "External cause code as principal diagnosis", "MCE External causes of morbidity as principal diagnosis"),
    DX_DUPLICATE_PDX("CB-DX-009", Severity.WARNING, "duplicate", "Secondary diagnosis duplicates the principal", "MCE Duplicate of PDX"),
    DX_TOO_MANY("CB-DX-010", Severity.ERROR, "too-long", "More diagnoses than the claim format allows (12 837P / 25 837I)", "X12 837P HI (12) / 837I HI (25)"),
    DX_NO_PRINCIPAL("CB-DX-011", Severity.ERROR, "required", "Claim has no diagnosis", "X12 837 HI required"),
    DX_ICD9("CB-DX-012", Severity.ERROR, "code-invalid", "ICD-9-CM code on a claim after 2015-09-30", "MCE 1"),
    POA_MISSING("CB-POA-001", Severity.ERROR, "required", "Present-on-admission indicator missing", "CMS HAC-POA reporting"),
    POA_INVALID("CB-POA-002", Severity.ERROR, "code-invalid", "Present-on-admission indicator invalid", "CMS HAC-POA reporting"),
    PX_INVALID("CB-PX-001", Severity.ERROR, "code-invalid", "Invalid ICD-10-PCS code", "MCE 1 Invalid diagnosis or procedure code"),
    PX_NOT_ON_DOS("CB-PX-002", Severity.ERROR, "code-invalid", "ICD-10-PCS code not valid on the date", "MCE 1"),
    PX_SEX("CB-PX-003", Severity.ERROR, "business-rule", "Procedure conflicts with patient sex", "MCE Sex conflict (ended 2024-09-30)"),
    HCPCS_INVALID("CB-HC-001", Severity.ERROR, "code-invalid", "Unknown HCPCS Level II code", "HCPCS file"),
    HCPCS_TERMINATED("CB-HC-002", Severity.ERROR, "code-invalid", "HCPCS code terminated before the date of service", "HCPCS TERM DT"),
    HCPCS_NOT_EFFECTIVE("CB-HC-003", Severity.ERROR, "code-invalid", "HCPCS code not yet effective on the date of service", "HCPCS ADD DT"),
    CPT_FORMAT("CB-CPT-001", Severity.ERROR, "code-invalid", "CPT code has an invalid format", "-"),
    CPT_UNKNOWN("CB-CPT-002", Severity.ERROR, "code-invalid", "CPT code not in the licensed CPT file", "-"),
    LINE_UNCODED("CB-LN-001", Severity.ERROR, "required", "Line has no CPT/HCPCS code (charge code not in chargemaster)", "-"),
    MOD_INVALID("CB-MOD-001", Severity.ERROR, "code-invalid", "Invalid or inactive modifier", "HCPCS modifiers / CPT Level I"),
    MOD_TOO_MANY("CB-MOD-002", Severity.ERROR, "too-long", "More than 4 modifiers on a line", "X12 837 SV1/SV2"),
    PTP_INACTIVE("CB-PTP-000", Severity.WARNING, "not-supported", "NCCI PTP table not loaded; edit inactive", "NCCI PTP"),
    PTP_CONFLICT("CB-PTP-001", Severity.ERROR, "business-rule", "NCCI procedure-to-procedure pair billed together", "NCCI PTP"),
    MUE_INACTIVE("CB-MUE-000", Severity.WARNING, "not-supported", "NCCI MUE table not loaded; edit inactive", "NCCI MUE"),
    MUE_LINE("CB-MUE-001", Severity.ERROR, "business-rule", "Units exceed the MUE on one line (MAI 1)", "NCCI MUE MAI 1"),
    MUE_DOS_POLICY("CB-MUE-002", Severity.ERROR, "business-rule", "Units on the date of service exceed the MUE (MAI 2, policy)", "NCCI MUE MAI 2"),
    MUE_DOS_CLINICAL("CB-MUE-003", Severity.ERROR, "business-rule", "Units on the date of service exceed the MUE (MAI 3, clinical)", "NCCI MUE MAI 3"),
    POINTER_MISSING("CB-PTR-001", Severity.ERROR, "required", "Professional line without a diagnosis pointer", "X12 837P SV107"),
    POINTER_RANGE("CB-PTR-002", Severity.ERROR, "value", "Diagnosis pointer does not point at a diagnosis", "X12 837P SV107"),
    POINTER_TOO_MANY("CB-PTR-003", Severity.ERROR, "too-long", "More than 4 diagnosis pointers on a line", "X12 837P SV107"),
    LINE_DUPLICATE("CB-LN-002", Severity.WARNING, "duplicate", "Duplicate line", "-"),
    LINE_QUANTITY("CB-LN-003", Severity.ERROR, "value", "Line quantity missing or not positive", "X12 837 SV104/SV205"),
    LINE_CHARGE("CB-LN-004", Severity.ERROR, "value", "Line charge missing or not positive", "X12 837 SV102/SV203"),
    LINE_DATE("CB-LN-005", Severity.ERROR, "value", "Service date outside the encounter period", "-"),
    LINE_POS("CB-LN-006", Severity.ERROR, "code-invalid", "Invalid place of service code", "CMS POS code set"),
    CLAIM_TOTAL("CB-CLM-001", Severity.ERROR, "value", "Claim total differs from the sum of line charges", "X12 837 CLM02"),
    REPLACEMENT_PAYER_NUMBER("CB-CLM-002", Severity.ERROR, "required", "Replacement or void without the payer's claim number of the original", "X12 837 2300 REF*F8"),
    NPI_INVALID("CB-NPI-001", Severity.ERROR, "value", "NPI fails the check digit (Luhn with 80840 prefix)", "CMS NPI check digit");

    private final String id;
    private final Severity severity;
    private final String issueType;
    private final String title;
    private final String cmsReference;

    Edit(String id, Severity severity, String issueType, String title, String cmsReference) {
        this.id = id;
        this.severity = severity;
        this.issueType = issueType;
        this.title = title;
        this.cmsReference = cmsReference;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String cmsReference() {
        return cmsReference;
    }

    public EditIssue issue(String message, String expression, String codeSetVersion) {
        return new EditIssue(id, severity, issueType, message, expression, codeSetVersion);
    }

    /** Same edit at another severity, e.g. downgraded when judged against an older release. */
    public EditIssue issue(Severity override, String message, String expression, String codeSetVersion) {
        return new EditIssue(id, override, issueType, message, expression, codeSetVersion);
    }
}
