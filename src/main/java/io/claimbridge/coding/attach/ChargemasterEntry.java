package io.claimbridge.coding.attach;

import java.math.BigDecimal;
import java.util.List;

/** One chargemaster row: a hospital's local charge code and what it bills as. */
public record ChargemasterEntry(String chargeCode, String code, String revenueCode, List<String> modifiers,
                                BigDecimal unitPrice, String description) {
    public ChargemasterEntry {
        modifiers = List.copyOf(modifiers);
    }
}
