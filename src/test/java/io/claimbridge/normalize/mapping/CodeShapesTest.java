package io.claimbridge.normalize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The code shapes CodeSystems checks by hand accept exactly what its former regexes did. */
class CodeShapesTest {

    private static final Pattern HCPCS_LEVEL2 = Pattern.compile("[A-V]\\d{4}");
    private static final Pattern CPT_SHAPE = Pattern.compile("\\d{4}[0-9FTU]");
    private static final Pattern ICD10CM_UNDOTTED = Pattern.compile("[A-Z]\\d[0-9A-Z][0-9A-Z]{1,4}");

    @Test
    void sameAsTheRegexes() {
        Random rnd = new Random(11);
        String alphabet = "0123456789ABFTUVWZaz.-é٣";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = rnd.nextInt(9); n > 0; n--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String u = b.toString();
            assertThat(CodeSystems.isHcpcsLevel2(u)).as(u).isEqualTo(HCPCS_LEVEL2.matcher(u).matches());
            assertThat(CodeSystems.isCptShape(u)).as(u).isEqualTo(CPT_SHAPE.matcher(u).matches());
            assertThat(CodeSystems.isIcd10cmUndotted(u)).as(u).isEqualTo(ICD10CM_UNDOTTED.matcher(u).matches());
        }
    }
}
