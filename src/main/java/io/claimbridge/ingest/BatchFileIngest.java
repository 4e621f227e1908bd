package io.claimbridge.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Ingest of one inbox file: every message in it is stored and acknowledged like an MLLP
 * message, and the file gets a per-message report. The file counts as done only when every
 * message in it was accepted.
 */
public class BatchFileIngest {
    private final Hl7Receiver receiver;

    public BatchFileIngest(Hl7Receiver receiver) {
        this.receiver = receiver;
    }

    public record FileResult(boolean allAccepted, String report) {
    }

    public FileResult ingest(String fileName, byte[] content, ListenerSettings listener) {
        BatchFileSplitter.Batch batch = BatchFileSplitter.split(content);
        List<String> lines = new ArrayList<>();
        lines.add("# claimbridge inbox report for " + fileName.replaceAll("[\\r\\n\\t]", "_"));
        lines.add("# index\tcontrolId\tack\tmessageId\tresult");
        boolean allAccepted = !batch.messages().isEmpty();
        int i = 0;
        for (byte[] m : batch.messages()) {
            i++;
            // An inbox has no one to answer enhanced-mode questions: always judge by the original-mode code.
            Hl7Receiver.Reply r = receiver.receive(m, listener, "FILE");
            boolean ok = r.code().accepted();
            allAccepted &= ok;
            String controlId = Hl7Receiver.logSafe(r.controlId());
            String result = ok ? (r.resend() ? "already stored (resend)" : "stored")
                    : r.errors().isEmpty() ? "rejected" : r.errors().get(0).code().code() + " " + r.errors().get(0).text();
            lines.add(i + "\t" + controlId + "\t" + r.code() + "\t" + (r.messageId() == null ? "" : r.messageId())
                    + "\t" + result);
        }
        if (batch.messages().isEmpty()) {
            lines.add("0\t\tAR\t\tno HL7 message (MSH segment) found in the file");
        }
        if (batch.declaredCount() >= 0 && batch.declaredCount() != batch.messages().size()) {
            lines.add("# warning: BTS declares " + batch.declaredCount() + " messages, file holds "
                    + batch.messages().size());
        }
        return new FileResult(allAccepted, String.join("\n", lines) + "\n");
    }
}
