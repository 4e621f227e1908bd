package io.claimbridge.app;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.claimbridge.normalize.ledger.LedgerState;

/**
 * Decoded ledger states by encounter row, each under the token it was saved with. A state is only
 * used when the locked row still carries that token, and tokens are never reused (random start,
 * then counted), so a state from a transaction that rolled back can never be taken for a committed
 * one: decoding the JSON again is the only cost of a miss.
 *
 * <p>A cached state is shared only by the thread holding that visit's row lock, and the ledger
 * never mutates the states it is given.
 */
public final class LedgerStateCache {
    private record Entry(long token, LedgerState state) {
    }

    private final AtomicLong tokens = new AtomicLong(new SecureRandom().nextLong() & 0x3fff_ffff_ffff_ffffL);
    private final Map<Long, Entry> byRow;

    public LedgerStateCache(int capacity) {
        this.byRow = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A fresh token for a state about to be saved. */
    public long nextToken() {
        return tokens.incrementAndGet();
    }

    /** The state saved under this token, or null. */
    public synchronized LedgerState get(long rowId, Long token) {
        if (token == null) {
            return null;
        }
        Entry e = byRow.get(rowId);
        return e != null && e.token() == token ? e.state() : null;
    }

    public synchronized void put(long rowId, long token, LedgerState state) {
        byRow.put(rowId, new Entry(token, state));
    }

    public synchronized void evict(long rowId) {
        byRow.remove(rowId);
    }
}
