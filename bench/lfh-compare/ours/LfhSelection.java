/** The sample messages both converters are run on: the ADT/DFT types the LFH converter supports. */
final class LfhSelection {
    static boolean selected(String name) {
        return name.endsWith(".hl7") && !name.startsWith("batch") && !name.contains("a11") && !name.contains("a13");
    }
}
