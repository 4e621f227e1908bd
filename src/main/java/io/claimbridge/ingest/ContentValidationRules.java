package io.claimbridge.ingest;

import ca.uhn.hl7v2.validation.builder.ValidationRuleBuilder;

/**
 * What "validate" ack mode checks: primitive formats (dates, times, numbers, sequence ids).
 * HAPI's default rules also flag fields withdrawn in v2.8.1 — wrong for a 2.3 message read into
 * the 2.8.1 structures — so we state our own rules.
 */
final class ContentValidationRules extends ValidationRuleBuilder {
    @Override
    protected void configure() {
        forAllVersions()
                .primitive("SI").is(emptyOr(nonNegativeInteger()))
                .primitive("NM").is(emptyOr(number()))
                .primitive("DT").is(emptyOr(date()))
                .primitive("TM").is(emptyOr(time()))
                .primitive("DTM").is(emptyOr(dateTime25()))
                .primitive("ID", "IS").is(maxLength(200));
    }
}
