package io.claimbridge.coding.edit;

/** Errors hold a claim in the work queue; warnings and information pass with it. */
public enum Severity { ERROR, WARNING, INFORMATION }
