package io.claimbridge.ingest;

/** HL7 table 0357 (message error condition codes) that the listener reports in ERR. */
public enum ErrorCode {
    SEGMENT_SEQUENCE_ERROR("100", "Segment sequence error"),
    REQUIRED_FIELD_MISSING("101", "Required field missing"),
    DATA_TYPE_ERROR("102", "Data type error"),
    TABLE_VALUE_NOT_FOUND("103", "Table value not found"),
    VALUE_TOO_LONG("104", "Value too long"),
    UNSUPPORTED_MESSAGE_TYPE("200", "Unsupported message type"),
    UNSUPPORTED_EVENT_CODE("201", "Unsupported event code"),
    UNSUPPORTED_PROCESSING_ID("202", "Unsupported processing id"),
    UNSUPPORTED_VERSION_ID("203", "Unsupported version id"),
    APPLICATION_INTERNAL_ERROR("207", "Application internal error");

    private final String code;
    private final String text;

    ErrorCode(String code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return code;
    }

    public String text() {
        return text;
    }

    public static ErrorCode ofCode(String code) {
        for (ErrorCode e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        return APPLICATION_INTERNAL_ERROR;
    }
}
