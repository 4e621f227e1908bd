package io.claimbridge.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.claimbridge.model.PayerClaimNumber;
import io.claimbridge.store.ClaimStore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the payer's claim number (ICN/DCN) of a claim — typed in by a biller or taken from an
 * insurer's ClaimResponse — and re-checks the replacements and voids of that claim that were held
 * waiting for it, through the same path as a coder's correction.
 */
public class PayerClaimNumbers {
    private final ClaimStore claims;
    private final ClaimCorrection correction;
    private final TransactionTemplate tx;

    public PayerClaimNumbers(ClaimStore claims, ClaimCorrection correction, TransactionTemplate tx) {
        this.claims = claims;
        this.correction = correction;
        this.tx = tx;
    }

    /** What setting it did: whether the claim exists, and the held replacements it released. */
    public record Result(boolean found, List<Long> released, List<Long> stillHeld) {
        static final Result NOT_FOUND = new Result(false, List.of(), List.of());
    }

    public Result set(long claimPk, PayerClaimNumber number, String actor) {
        return tx.execute(s -> {
            ClaimStore.ClaimRow row = claims.getForUpdate(claimPk).orElse(null);
            if (row == null) {
                return Result.NOT_FOUND;
            }
            if (!Objects.equals(row.payerClaimNumber(), number.value())) {
                claims.setPayerClaimNumber(claimPk, number.value(), actor, row.payerClaimNumber() == null
                        ? "payer claim number " + number.value()
                        : "payer claim number " + number.value() + " (was " + row.payerClaimNumber() + ")");
            }
            List<Long> released = new ArrayList<>();
            List<Long> stillHeld = new ArrayList<>();
            for (long held : claims.heldReplacementsOf(row.claimId())) {
                ClaimCorrection.Outcome o = correction.recheck(held, actor,
                        "payer claim number of original " + row.claimId() + " set");
                (o == ClaimCorrection.Outcome.RELEASED ? released : stillHeld).add(held);
            }
            return new Result(true, List.copyOf(released), List.copyOf(stillHeld));
        });
    }
}
