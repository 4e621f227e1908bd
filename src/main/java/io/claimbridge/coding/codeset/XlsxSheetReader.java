package io.claimbridge.coding.codeset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Minimal streaming reader for the first worksheet of an .xlsx (zip of SpreadsheetML parts), enough
 * for CMS code files: shared and inline strings, numbers as their stored text. Why not Apache POI:
 * it is not on the classpath and a full-blown workbook model would cost seconds and hundreds of MB.
 * XXE-safe (no DTDs, no external entities) and bounded (per-part byte limit).
 */
public final class XlsxSheetReader {
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final long MAX_PART_BYTES = 256L << 20;

    private XlsxSheetReader() {
    }

    /** Calls {@code row} once per row with cell texts by column (A = 0); missing cells are "". */
    public static void readFirstSheet(Path xlsx, Consumer<String[]> row) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            String sheetPath = firstSheetPath(zip);
            List<String> shared = sharedStrings(zip);
            ZipEntry sheet = zip.getEntry(sheetPath);
            if (sheet == null) {
                throw new IOException(xlsx.getFileName() + ": no " + sheetPath);
            }
            try (InputStream in = bounded(zip.getInputStream(sheet))) {
                XMLStreamReader x = factory().createXMLStreamReader(in);
                List<String> cells = new ArrayList<>(64);
                int col = -1;
                String type = null;
                StringBuilder text = new StringBuilder();
                boolean inValue = false;
                while (x.hasNext()) {
                    int ev = x.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        String n = x.getLocalName();
                        if (n.equals("row")) {
                            cells.clear();
                        } else if (n.equals("c")) {
                            col = column(x.getAttributeValue(null, "r"), cells.size());
                            type = x.getAttributeValue(null, "t");
                            text.setLength(0);
                        } else if (n.equals("v") || n.equals("t")) {
                            inValue = true;
                        }
                    } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                        if (inValue) {
                            text.append(x.getText());
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        String n = x.getLocalName();
                        if (n.equals("v") || n.equals("t")) {
                            inValue = false;
                        } else if (n.equals("c")) {
                            String value = text.toString();
                            if ("s".equals(type) && !value.isEmpty()) {
                                int i = Integer.parseInt(value.trim());
                                value = i < shared.size() ? shared.get(i) : "";
                            }
                            while (cells.size() < col) {
                                cells.add("");
                            }
                            cells.add(value);
                        } else if (n.equals("row")) {
                            row.accept(cells.toArray(String[]::new));
                        }
                    }
                }
                x.close();
            } catch (XMLStreamException e) {
                throw new IOException(xlsx.getFileName() + ": bad sheet xml: " + e.getMessage(), e);
            }
        }
    }

    private static String firstSheetPath(ZipFile zip) throws IOException {
        String rid = null;
        try (InputStream in = part(zip, "xl/workbook.xml")) {
            XMLStreamReader x = factory().createXMLStreamReader(in);
            while (x.hasNext() && rid == null) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    rid = x.getAttributeValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("bad workbook.xml", e);
        }
        if (rid == null) {
            throw new IOException("workbook has no sheet");
        }
        try (InputStream in = part(zip, "xl/_rels/workbook.xml.rels")) {
            XMLStreamReader x = factory().createXMLStreamReader(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")
                        && rid.equals(x.getAttributeValue(null, "Id"))) {
                    String target = x.getAttributeValue(null, "Target");
                    return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("bad workbook.xml.rels", e);
        }
        throw new IOException("sheet relationship " + rid + " not found");
    }

    private static List<String> sharedStrings(ZipFile zip) throws IOException {
        List<String> list = new ArrayList<>();
        if (zip.getEntry("xl/sharedStrings.xml") == null) {
            return list;
        }
        try (InputStream in = part(zip, "xl/sharedStrings.xml")) {
            XMLStreamReader x = factory().createXMLStreamReader(in);
            StringBuilder sb = new StringBuilder();
            boolean inT = false;
            boolean inRunProps = false;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String n = x.getLocalName();
                    if (n.equals("si")) {
                        sb.setLength(0);
                    } else if (n.equals("t") && !inRunProps) {
                        inT = true;
                    } else if (n.equals("rPh")) {
                        inRunProps = true; // phonetic runs are not part of the value
                    }
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && inT) {
                    sb.append(x.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String n = x.getLocalName();
                    if (n.equals("t")) {
                        inT = false;
                    } else if (n.equals("rPh")) {
                        inRunProps = false;
                    } else if (n.equals("si")) {
                        list.add(sb.toString());
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("bad sharedStrings.xml", e);
        }
        return list;
    }

    private static InputStream part(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException("xlsx part missing: " + name);
        }
        return bounded(zip.getInputStream(e));
    }

    /** "AB12" → 27; falls back to the next position when r is absent. */
    private static int column(String ref, int next) {
        if (ref == null) {
            return next;
        }
        int c = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            c = c * 26 + (ch - 'A' + 1);
        }
        return c - 1;
    }

    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** Guards against zip bombs: a part may not inflate beyond MAX_PART_BYTES. */
    private static InputStream bounded(InputStream in) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    check(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    check(n);
                }
                return n;
            }

            private void check(int n) throws IOException {
                count += n;
                if (count > MAX_PART_BYTES) {
                    throw new IOException("xlsx part exceeds " + MAX_PART_BYTES + " bytes");
                }
            }
        };
    }
}
