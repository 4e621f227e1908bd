package io.claimbridge.coding.edit;

/**
 * FHIRPath strings for claim elements. Why cached: edits name the element they look at before
 * they know whether anything is wrong; building those strings for every clean line dominated the
 * cost of a clean claim.
 */
final class FhirPaths {
    private static final int CACHED = 64;
    private static final int CODINGS = 4;
    private static final String[][] DX_CODE = new String[CACHED][CODINGS];
    private static final String[][] ITEM_CODE = new String[CACHED][CODINGS];
    private static final String[] ITEM = new String[CACHED];
    private static final String[] POA = new String[CACHED];

    static {
        for (int i = 0; i < CACHED; i++) {
            ITEM[i] = "Claim.item[" + i + "]";
            POA[i] = "Claim.diagnosis[" + i + "].onAdmission";
            for (int j = 0; j < CODINGS; j++) {
                DX_CODE[i][j] = "Claim.diagnosis[" + i + "].diagnosis.coding[" + j + "].code";
                ITEM_CODE[i][j] = "Claim.item[" + i + "].productOrService.coding[" + j + "].code";
            }
        }
    }

    private FhirPaths() {
    }

    static String dxCode(int dx, int coding) {
        return dx < CACHED && coding < CODINGS ? DX_CODE[dx][coding]
                : "Claim.diagnosis[" + dx + "].diagnosis.coding[" + coding + "].code";
    }

    static String itemCode(int item, int coding) {
        return item < CACHED && coding < CODINGS ? ITEM_CODE[item][coding]
                : "Claim.item[" + item + "].productOrService.coding[" + coding + "].code";
    }

    static String item(int item) {
        return item < CACHED ? ITEM[item] : "Claim.item[" + item + "]";
    }

    static String poa(int dx) {
        return dx < CACHED ? POA[dx] : "Claim.diagnosis[" + dx + "].onAdmission";
    }
}
