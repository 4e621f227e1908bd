package io.claimbridge.normalize.mapping;

/**
 * What a message means to the encounter ledger; mapped from the trigger event in {@code events:}.
 * CHARGE_VISIT is a charge from a feed that sends no ADT at all (a practice-management system's
 * DFTs): it names the visit as well, so the visit bills instead of waiting PENDING for an ADT.
 */
public enum LedgerEvent {
    ADMIT("admit"), REGISTER("register"), UPDATE("update"), CHARGE("charge"), CHARGE_VISIT("charge-visit"),
    DISCHARGE("discharge"),
    CANCEL_ADMIT("cancel-admit"), CANCEL_DISCHARGE("cancel-discharge");

    private final String key;

    LedgerEvent(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static LedgerEvent byKey(String key) {
        for (LedgerEvent e : values()) {
            if (e.key.equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown ledger event '" + key + "'");
    }
}
