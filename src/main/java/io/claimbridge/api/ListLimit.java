package io.claimbridge.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The {@code limit} every list endpoint takes: bounded so one request cannot pull a whole table. */
final class ListLimit {
    static final int MAX = 1000;

    private ListLimit() {
    }

    static int checked(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX);
        }
        return limit;
    }
}
