package io.claimbridge.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic {@code urn:uuid} ids from natural keys (sender + MRN, sender + visit, NPI, ...):
 * the same fact in two messages gets the same id, which is what lets the ledger merge messages
 * and keep Claim pointers (careTeam, insurance) stable.
 *
 * <p>The id is {@link UUID#nameUUIDFromBytes} of "type|key|...", computed the same way but from
 * a clone of one MD5 instance: {@code nameUUIDFromBytes} looks the algorithm up in the security
 * providers on every call, which was most of its cost (a dozen ids per message).
 */
public final class ResourceIds {
    private static final MessageDigest MD5 = md5();

    private ResourceIds() {
    }

    public static String urn(String type, String... key) {
        StringBuilder joined = new StringBuilder(64).append(type).append('|');
        for (int i = 0; i < key.length; i++) {
            if (i > 0) joined.append('|');
            joined.append(key[i]);
        }
        byte[] md5 = digest(joined.toString().getBytes(StandardCharsets.UTF_8));
        // Version 3 (name-based, MD5) and the IETF variant, as nameUUIDFromBytes sets them.
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (md5[i] & 0xff);
            lsb = lsb << 8 | (md5[i + 8] & 0xff);
        }
        return "urn:uuid:" + new UUID(msb, lsb);
    }

    private static byte[] digest(byte[] in) {
        try {
            return ((MessageDigest) MD5.clone()).digest(in);
        } catch (CloneNotSupportedException e) {
            return md5().digest(in);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    }
}
