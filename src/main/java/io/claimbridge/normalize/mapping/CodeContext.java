package io.claimbridge.normalize.mapping;

/** Where a code came from; decides the default coding system when the sender sends none. */
public enum CodeContext {
    DIAGNOSIS("diagnosis"), PROCEDURE("procedure"), CHARGE("charge");

    private final String key;

    CodeContext(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
