package io.claimbridge.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.ingest.FhirIssue;
import io.claimbridge.ingest.FhirRejection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a FHIR request body may cost before HAPI sees it: size (413), compression (415:
 * HAPI would inflate a gzip body without limit), nesting depth (400: parsers recurse) and DTDs in
 * XML (400: no entity expansion of any kind). The body is read once, bounded, and handed on.
 */
public class FhirRequestGuard extends OncePerRequestFilter {
    /** Deepest nesting accepted; real FHIR resources stay far below (Claim.item.detail.subDetail…). */
    static final int MAX_DEPTH = 100;

    private final OperationOutcomeResponder responder;
    private final long maxBodyBytes;

    public FhirRequestGuard(FhirContext fhir, long maxBodyBytes) {
        this.responder = new OperationOutcomeResponder(fhir);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            refuse(request, response, 415, IssueType.NOTSUPPORTED, "Compressed request bodies are not accepted");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(request, response, 413, IssueType.TOOLONG, tooLarge());
            return;
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            refuse(request, response, 413, IssueType.TOOLONG, tooLarge());
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean xml = contentType.contains("xml") || startsWith(body, '<');
        if (xml && containsDoctype(body)) {
            refuse(request, response, 400, IssueType.SECURITY, "XML with a DOCTYPE is not accepted");
            return;
        }
        if (!xml && jsonDepth(body) > MAX_DEPTH) {
            refuse(request, response, 400, IssueType.TOOCOSTLY, "Body is nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        if (xml && xmlDepth(body) > MAX_DEPTH) {
            refuse(request, response, 400, IssueType.TOOCOSTLY, "Body is nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private String tooLarge() {
        return "Request body exceeds the limit of " + maxBodyBytes + " bytes";
    }

    /** The body, or null when it is longer than the limit (reading stops there). */
    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] body, char c) {
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == c;
            }
        }
        return false;
    }

    private static boolean containsDoctype(byte[] body) {
        // ASCII-compatible encodings only (FHIR is UTF-8); a UTF-16 body fails to parse anyway.
        return new String(body, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).contains("<!DOCTYPE");
    }

    /** Deepest [ / { nesting outside strings. */
    static int jsonDepth(byte[] body) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                max = Math.max(max, ++depth);
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return max;
    }

    /** Deepest element nesting: start tags minus end tags, skipping comments, PIs, CDATA and empty tags. */
    static int xmlDepth(byte[] body) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        int depth = 0;
        int max = 0;
        int i = 0;
        while ((i = s.indexOf('<', i)) >= 0) {
            if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i);
                i = end < 0 ? s.length() : end + 3;
                continue;
            }
            if (s.startsWith("<![CDATA[", i)) {
                int end = s.indexOf("]]>", i);
                i = end < 0 ? s.length() : end + 3;
                continue;
            }
            int close = s.indexOf('>', i);
            if (close < 0) {
                break;
            }
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            if (next == '/') {
                depth--;
            } else if (next != '?' && next != '!' && s.charAt(close - 1) != '/') {
                max = Math.max(max, ++depth);
            }
            i = close + 1;
        }
        return max;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, IssueType code,
                        String text) throws IOException {
        responder.send(request, response, new FhirRejection(status, new FhirIssue(code, null, text)));
    }

    /** The request with its already read body, so HAPI reads exactly the bytes that were checked. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    java.nio.charset.Charset.forName(charset)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
