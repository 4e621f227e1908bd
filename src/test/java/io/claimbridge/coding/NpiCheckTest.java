package io.claimbridge.coding;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.claimbridge.coding.edit.NpiCheck;

class NpiCheckTest {
    @Test
    void cmsExampleAndNearMisses() {
        assertTrue(NpiCheck.valid("1234567893")); // CMS check-digit example
        assertFalse(NpiCheck.valid("1234567890"));
        assertFalse(NpiCheck.valid("1234567894"));
        assertFalse(NpiCheck.valid("123456789"));
        assertFalse(NpiCheck.valid("12345678931"));
        assertFalse(NpiCheck.valid("12345A7893"));
        assertFalse(NpiCheck.valid(null));
    }
}
