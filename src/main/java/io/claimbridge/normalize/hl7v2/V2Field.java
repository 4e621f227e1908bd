package io.claimbridge.normalize.hl7v2;


/** One repetition of one field: read its components by number (1-based), absent = null. */
public record V2Field(V2Segment segment, int field, int rep) {

    public String c(int component) {
        return V2Message.get(segment, field, rep, component, 1);
    }

    public String c(int component, int sub) {
        return V2Message.get(segment, field, rep, component, sub);
    }

    public boolean isEmpty() {
        for (int i = 1; i <= 3; i++) {
            if (c(i) != null) {
                return false;
            }
        }
        return true;
    }
}
