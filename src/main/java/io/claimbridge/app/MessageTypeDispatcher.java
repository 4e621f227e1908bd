package io.claimbridge.app;

import io.claimbridge.ingest.FhirReceiver;
import io.claimbridge.store.StoredMessage;

/** Sends each stored message to the handler for its format: FHIR bodies to HAPI FHIR, the rest to HL7 v2. */
public class MessageTypeDispatcher implements MessageHandler {
    private final MessageHandler hl7;
    private final MessageHandler fhir;

    public MessageTypeDispatcher(MessageHandler hl7, MessageHandler fhir) {
        this.hl7 = hl7;
        this.fhir = fhir;
    }

    @Override
    public void handle(StoredMessage message) throws Exception {
        if (FhirReceiver.MESSAGE_TYPE.equals(message.messageType()) && FhirReceiver.SOURCE.equals(message.source())) {
            fhir.handle(message);
        } else {
            hl7.handle(message);
        }
    }
}
