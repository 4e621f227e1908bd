package io.claimbridge.normalize.mapping;

/** What a message means to the encounter ledger; mapped from the trigger event in {@code events:}. */
public enum LedgerEvent {
    ADMIT("admit"), REGISTER("register"), UPDATE("update"), CHARGE("charge"), DISCHARGE("discharge"),
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
