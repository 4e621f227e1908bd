package io.claimbridge.ingest;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HAPI parsing for every version from 2.3 to 2.8.x in one code path: messages are read into the
 * v2.8.1 structures (a superset), validation is off, and segments HAPI does not know (Z-segments,
 * misplaced ones) are kept as non-standard segments rather than dropped.
 */
public final class TolerantHl7Parser {
    private static final ThreadLocal<PipeParser> PARSER = ThreadLocal.withInitial(() -> newParser(false));
    private static final ThreadLocal<PipeParser> VALIDATING = ThreadLocal.withInitial(() -> newParser(true));

    private TolerantHl7Parser() {
    }

    private static PipeParser newParser(boolean validating) {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.8.1"));
        if (validating) {
            context.setValidationRuleBuilder(new ContentValidationRules());
        } else {
            context.setValidationContext(ValidationContextFactory.noValidation());
        }
        context.getParserConfiguration().setAllowUnknownVersions(true);
        return context.getPipeParser();
    }

    /** Parses text whose segments end in CR (as {@link Hl7HeaderReader} leaves it). */
    public static Message parse(String text) throws HL7Exception {
        return PARSER.get().parse(text);
    }

    /** Parse checking primitive formats ({@link ContentValidationRules}): validate ack mode. */
    public static Message parseValidating(String text) throws HL7Exception {
        return VALIDATING.get().parse(text);
    }

    /** The parse failure as an ACK error: HAPI's table 0357 code and location when it has them. */
    public static Hl7Error toError(HL7Exception e) {
        ErrorCode code = ErrorCode.ofCode(String.valueOf(e.getErrorCode()));
        if (code == ErrorCode.APPLICATION_INTERNAL_ERROR) {
            code = ErrorCode.DATA_TYPE_ERROR;
        }
        var loc = e.getLocation();
        String segment = loc != null ? loc.getSegmentName() : null;
        int field = loc != null ? Math.max(loc.getField(), 0) : 0;
        int seq = loc != null ? Math.max(loc.getSegmentRepetition(), 1) : 1;
        return new Hl7Error(code, segment, seq, field, "Message does not parse: " + code.text());
    }
}
