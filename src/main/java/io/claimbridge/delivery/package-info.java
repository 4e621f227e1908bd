/**
 * The deliver stage's pure core: no Spring, no Camel, no I/O. The app wires transports and
 * persistence around it.
 *
 * <ul>
 *   <li>{@code x12}: {@link io.claimbridge.delivery.x12.X837Writer} renders a batch of
 *       {@link io.claimbridge.model.CodedEncounter}s into one 5010 interchange (837P 005010X222A1 /
 *       837I 005010X223A2) with StAEDI. Each claim is first read and checked by
 *       {@link io.claimbridge.delivery.x12.ClaimFactsReader}; a claim that cannot make a valid 837
 *       is returned as a {@link io.claimbridge.delivery.x12.ClaimRejection} with every reason and
 *       is not in the bytes. Control numbers (ISA13, GS06 base, ST02 base) and the timestamp come
 *       in; the next free GS06/ST02 come back, for the caller to persist.</li>
 *   <li>{@code routing}: payer id → {@link io.claimbridge.delivery.routing.Destination}s from
 *       {@code routes/payers/routing.yml} ({@link io.claimbridge.delivery.routing.RoutingLoader},
 *       format in {@code routes/payers/README.md}); without that file every claim goes as 837
 *       files to {@code <data-dir>/outbox}.</li>
 *   <li>{@code retry}: {@link io.claimbridge.delivery.retry.RetryPlanner} turns a failed attempt
 *       into retry-after-delay, ERROR (peer refused the payload) or DEAD (out of attempts).</li>
 * </ul>
 *
 * <p>Expected use per destination batch: {@code resolve(payerId)} → collect until
 * {@code batch.isDue(count, openedAt, now)} → allocate control numbers (persisted) →
 * {@code write(claims, destination.format().x12Format(), destination.x12().toEnvelope(), control)}
 * → mark rejections ERROR with their reasons → send the bytes → on failure ask the planner.
 */
package io.claimbridge.delivery;
