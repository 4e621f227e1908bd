package io.claimbridge.app;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import io.claimbridge.store.StoredMessage;

/**
 * Processing of a stored FHIR request body: a HAPI parse for now (it was parsed before it was
 * accepted, so this fails only on a parser change); the normalize stage replaces it later.
 */
public class FhirParseHandler implements MessageHandler {
    private final FhirContext fhir;

    public FhirParseHandler(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public void handle(StoredMessage message) {
        String text = new String(message.raw(), StandardCharsets.UTF_8).stripLeading();
        EncodingEnum encoding = text.startsWith("<") ? EncodingEnum.XML : EncodingEnum.JSON;
        try {
            encoding.newParser(fhir).setParserErrorHandler(new LenientErrorHandler(false))
                    .parseResource(new InputStreamReader(new ByteArrayInputStream(message.raw()), StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            // Stored for analysts, never logged: parser messages may quote values.
            throw new IllegalArgumentException("FHIR body does not parse: " + e.getMessage());
        }
    }
}
