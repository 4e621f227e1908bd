package io.claimbridge.app;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.claimbridge.normalize.ledger.LedgerState;

/**
 * Decoded ledger states by visit, each with its encounter row and the token it was saved under. A
 * state is only used when the row still carries that token — checked by the UPDATE that saves the
 * next state ({@code WHERE state_token = ?}) or by the locked read of the slow path — and tokens
 * are never reused (random start, then counted), so a state from a transaction that rolled back
 * can never be taken for a committed one: decoding the JSON again is the only cost of a miss.
 *
 * <p>A visit's messages are merged by one lane at a time, and the ledger never mutates the states
 * it is given, so a cached state can be shared without copying.
 */
public final class LedgerStateCache {
    /** A visit's state as saved: its row, the token the row got with it, the state. */
    public record Entry(long rowId, long token, LedgerState state) {
    }

    private final AtomicLong tokens = new AtomicLong(new SecureRandom().nextLong() & 0x3fff_ffff_ffff_ffffL);
    private final Map<String, Entry> byVisit;

    public LedgerStateCache(int capacity) {
        this.byVisit = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A fresh token for a state about to be saved. */
    public long nextToken() {
        return tokens.incrementAndGet();
    }

    /** The last state saved for the visit, whether or not it is still the row's (the caller checks the token). */
    public synchronized Entry get(String visit) {
        return byVisit.get(visit);
    }

    /** The state saved for the visit when the row still carries this token, else null. */
    public synchronized LedgerState get(String visit, long rowId, Long token) {
        Entry e = byVisit.get(visit);
        return e != null && token != null && e.rowId() == rowId && e.token() == token ? e.state() : null;
    }

    public synchronized void put(String visit, long rowId, long token, LedgerState state) {
        byVisit.put(visit, new Entry(rowId, token, state));
    }

    /** Forgets a visit whose remembered state turned out stale: the next message reads the row. */
    public synchronized void remove(String visit) {
        byVisit.remove(visit);
    }
}
