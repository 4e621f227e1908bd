package io.claimbridge.app;

import ca.uhn.hl7v2.HL7Exception;
import io.claimbridge.ingest.Hl7HeaderReader;
import io.claimbridge.ingest.Hl7Rejection;
import io.claimbridge.ingest.TolerantHl7Parser;
import io.claimbridge.store.StoredMessage;

/** Processing of an HL7 v2 message: a full tolerant HAPI parse; failure is an ERROR with the reason. */
public class Hl7ParseHandler implements MessageHandler {
    @Override
    public void handle(StoredMessage message) throws Exception {
        try {
            TolerantHl7Parser.parse(Hl7HeaderReader.read(message.raw()).text());
        } catch (Hl7Rejection r) {
            throw new IllegalArgumentException(r.error().text());
        } catch (HL7Exception e) {
            var err = TolerantHl7Parser.toError(e);
            // Stored (visible to analysts through the API), never logged: HAPI's text may quote field values.
            throw new IllegalArgumentException(err.text() + (err.segment() == null ? "" : " at " + err.segment()
                    + (err.field() > 0 ? "-" + err.field() : "")) + ": " + e.getMessage());
        }
    }
}
