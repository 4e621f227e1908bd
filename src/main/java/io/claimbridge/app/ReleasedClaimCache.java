package io.claimbridge.app;

import java.util.LinkedHashMap;
import java.util.Map;

import io.claimbridge.model.CodedEncounter;

/**
 * Released claims handed from processing to delivery in memory, so a batch does not decode the
 * Bundles just written. Keyed by claim row id (sequence values are never reused, so an entry from a
 * rolled-back release is simply never asked for); only released claims go in, and their content
 * does not change afterwards (corrections apply to held claims only). Delivery removes what it has
 * sent; the bound keeps memory flat when nothing is sent. A miss decodes the stored Bundle.
 */
public final class ReleasedClaimCache {
    public record Entry(String claimId, CodedEncounter encounter) {
    }

    private final Map<Long, Entry> byPk;

    public ReleasedClaimCache(int capacity) {
        this.byPk = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps a deep copy: delivery must not share mutable FHIR objects with the ledger's thread. */
    public void put(long claimPk, String claimId, CodedEncounter encounter) {
        CodedEncounter copy = CodedEncounter.fromBundle(encounter.toBundle().copy());
        synchronized (this) {
            byPk.put(claimPk, new Entry(claimId, copy));
        }
    }

    public synchronized Entry get(long claimPk) {
        return byPk.get(claimPk);
    }

    public synchronized void remove(long claimPk) {
        byPk.remove(claimPk);
    }
}
