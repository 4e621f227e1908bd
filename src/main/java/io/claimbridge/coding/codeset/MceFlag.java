package io.claimbridge.coding.codeset;

import java.util.Locale;

/**
 * Flags of the CMS Medicare Code Editor (MCE 2.0) ICD-10 master tables that our edits use.
 * Flag names as decoded from the MCE data file (see conformance/mce/PROVENANCE.txt).
 */
public enum MceFlag {
    NEWBORN, PEDIATRIC, MATERNITY, ADULT, MALE, FEMALE, MANIFESTATION, ECODEPDX, UNACCEPTABLE,
    QADM, REQSDX, UNSPECIFIED, WRNGPROC, NONCOVERED;

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** Bit for a flag name from the table, 0 for flags we do not edit on. */
    static int bitOf(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT)).bit();
        } catch (IllegalArgumentException unknown) {
            return 0;
        }
    }
}
