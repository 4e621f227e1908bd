package io.claimbridge.coding.codeset;

import java.util.Arrays;

/**
 * Open-addressing String → ordinal index. Why: code sets hold ~100k short codes per system;
 * one probe on the String's cached hash, no boxing and no entry objects keeps the heap small
 * and lookups faster than a HashMap. Owners keep per-code data in arrays indexed by ordinal.
 * Not thread-safe while being built; read-only (and safely shared) once published.
 */
public final class CodeIndex {
    private String[] keys;
    private int[] ordinals;
    private int mask;
    private int size;

    public CodeIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new String[cap];
        ordinals = new int[cap];
        mask = cap - 1;
    }

    /** Ordinal of the key, adding it (ordinal = previous size) when absent. */
    public int add(String key) {
        int slot = slot(key);
        if (keys[slot] != null) {
            return ordinals[slot];
        }
        keys[slot] = key;
        ordinals[slot] = size;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    /** Ordinal of the key, or -1. */
    public int indexOf(String key) {
        if (key == null) {
            return -1;
        }
        String[] k = keys;
        int i = mix(key.hashCode()) & mask;
        while (true) {
            String s = k[i];
            if (s == null) {
                return -1;
            }
            if (s.equals(key)) {
                return ordinals[i];
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    private int slot(String key) {
        int i = mix(key.hashCode()) & mask;
        while (keys[i] != null && !keys[i].equals(key)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldOrd = ordinals;
        keys = new String[oldKeys.length * 2];
        ordinals = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                ordinals[s] = oldOrd[i];
            }
        }
    }

    /** Spreads String.hashCode so codes sharing prefixes do not cluster. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Grows an int array for ordinal-indexed data. */
    static int[] ensure(int[] a, int ordinal) {
        return ordinal < a.length ? a : Arrays.copyOf(a, Math.max(ordinal + 1, a.length * 2));
    }
}
