/**
 * The coding stage's pure core: code sets, code attachment and claim edits. No Spring or Camel
 * types; the app wires it later.
 *
 * <pre>
 * CodeSets sets = ConformanceLoader.load(Path.of("conformance"), licensedCptFileOrNull); // once, at start-up
 * Chargemaster cdm = Chargemaster.read(Path.of("mappings/chargemaster.csv"));
 * AttachResult coded = new CodeAttacher(cdm).attach(encounter);      // normalise, chargemaster, sequence
 * EditReport report = new ClaimEditor(sets).validate(coded.encounter());
 * OperationOutcome oo = report.toOperationOutcome();                 // errors hold, warnings pass
 * </pre>
 *
 * <ul>
 *   <li>{@code codeset}: loaders and compact indexes for ICD-10-CM/PCS (per fiscal year), HCPCS,
 *       modifiers, MCE, POA-exempt, place of service, CPT format / licensed file;</li>
 *   <li>{@code ncci}: NCCI PTP and MUE table loaders (tables not shipped);</li>
 *   <li>{@code attach}: code normalisation, chargemaster, diagnosis sequencing and pointers;</li>
 *   <li>{@code edit}: {@link io.claimbridge.coding.edit.ClaimEditor} and its edits; ids in
 *       conformance/README.md.</li>
 * </ul>
 * All loaded structures are immutable after loading and safe to share between threads.
 */
package io.claimbridge.coding;
