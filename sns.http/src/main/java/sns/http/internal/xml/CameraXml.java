package sns.http.internal.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import sns.core.api.helper.text.CameraText;

/**
 * A tolerant scanner for the XML the cameras send. It finds elements, their attributes and their text, and never
 * rejects a document for being ill-formed; the small readers built on it ({@link AuthRequest},
 * {@link UploadAnnouncement}, {@link EmailMessage}) decide what is missing.
 *
 * <p>Why not a real XML parser: the cameras build their XML from string templates without escaping (docs/protocol.md
 * §6.2, 9.1). The published NX300 login has a stray line {@code 4p4uaaq422af3"/>} between elements; the e-mail
 * {@code sender} can be {@code Name <addr>} with raw angle brackets; localized firmwares may put ISO-8859-1 bytes into
 * a document declared UTF-8. Each of these makes a strict parser throw, and the camera then shows an error for a
 * request that carries everything needed.
 *
 * <p>What it does:
 * <ul>
 *   <li>bytes are decoded with {@link CameraText} (UTF-8 where valid, ISO-8859-1 for other bytes), then line ends
 *       are normalised as XML does (CRLF and lone CR become LF);</li>
 *   <li>a start tag is {@code <} + a name starting with a letter, {@code _} or {@code :}; anything else after
 *       {@code <} is text. Element and attribute names match case-insensitively (firmware templates differ);</li>
 *   <li>attribute values may be double-, single- or un-quoted; entities are unescaped; of repeated attributes the
 *       first counts;</li>
 *   <li>CDATA sections, comments, processing instructions and declarations are skipped when looking for tags, so
 *       user text inside CDATA can never pose as an element;</li>
 *   <li>end tags are matched to the nearest open start tag of the same name; unmatched tags are simply left
 *       unmatched;</li>
 *   <li>an element's text is the raw content between its start and end tag with CDATA sections unwrapped,
 *       comments removed and entities ({@code &amp; &lt; &gt; &quot; &apos; &#..; &#x..;}) unescaped elsewhere;
 *       markup inside it (the raw {@code <addr>} of a sender) is kept as text.</li>
 * </ul>
 * A start tag that the document ends in the middle of (a truncated body, {@code fixtures/28}) is reported as not
 * {@link Element#terminated() terminated}.
 */
public final class CameraXml {

    /**
     * Most complete elements inside one another. The cameras' documents are at most three deep
     * ({@code email/receiverList/receiver}). Deeper nesting is hostile: every nested element's text holds all the
     * ones inside it, so reading them costs the square of the nesting (9,000 nested {@code <receiver>} in 190 KB ran
     * the bridge out of heap). Elements that never close (a raw {@code Name <addr>} sender) have no text to read
     * and do not count.
     */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private final List<Element> elements;
    /** Why the document is not well nested (an end tag that closes no open element, an element never closed). */
    private String unbalanced = "";
    private boolean tooDeep;

    private CameraXml(String text) {
        this.text = text;
        this.elements = Collections.unmodifiableList(scan(text));
    }

    /**
     * Decodes and scans a camera request body for one of the readers: refused if it nests deeper than
     * {@link #MAX_DEPTH}.
     */
    static CameraXml read(byte[] body) throws MalformedCameraRequestException {
        CameraXml xml = parse(body);
        if (xml.tooDeep) {
            throw new MalformedCameraRequestException("elements nested deeper than " + MAX_DEPTH);
        }
        return xml;
    }

    /** True if complete elements nest deeper than {@link #MAX_DEPTH}. */
    public boolean tooDeep() {
        return tooDeep;
    }

    /**
     * Requires every element to be closed, and closed in order: what a strict XML parser calls well nested. Only for
     * requests whose templates the cameras fill with plain values (the Samsung-account login), never for those
     * known to carry raw markup (the e-mail sender, the NX300 login's stray line).
     */
    void requireWellNested() throws MalformedCameraRequestException {
        if (!unbalanced.isEmpty()) {
            throw new MalformedCameraRequestException("malformed XML: " + unbalanced);
        }
    }

    /** Decodes (see {@link CameraText}) and scans a camera request body. */
    public static CameraXml parse(byte[] body) {
        return parse(CameraText.decode(body));
    }

    /** Scans already decoded text. */
    public static CameraXml parse(String document) {
        return new CameraXml(document.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /** True if the document is empty or only whitespace (the NX300 occasionally sends an empty auth body). */
    public boolean isBlank() {
        return text.isBlank();
    }

    /** The first element with this name (case-insensitive), in document order. */
    public Optional<Element> first(String name) {
        return elements.stream().filter(e -> e.name.equalsIgnoreCase(name)).findFirst();
    }

    /** All elements with this name (case-insensitive), in document order. */
    public List<Element> all(String name) {
        return elements.stream().filter(e -> e.name.equalsIgnoreCase(name)).toList();
    }

    /**
     * The first element called {@code name}, required to be complete: its start tag terminated, and either
     * self-closing or followed by its end tag. This is how the readers notice a truncated body.
     */
    Element requireComplete(String name) throws MalformedCameraRequestException {
        Element element = first(name).orElseThrow(() -> new MalformedCameraRequestException("no <" + name
                + "> element"));
        if (!element.terminated()) {
            throw new MalformedCameraRequestException("truncated: the <" + name + "> start tag never ends");
        }
        if (!element.closed()) {
            throw new MalformedCameraRequestException("truncated: no </" + name + "> end tag");
        }
        return element;
    }

    /** One element: a start tag, and its content if an end tag was found. */
    public final class Element {
        private final String name;
        private final Map<String, String> attributes;
        private final boolean terminated;
        private final boolean selfClosing;
        private final int contentStart;
        private int contentEnd = -1;
        /** Still on the scan's stack of open elements. */
        private boolean nested;

        private Element(String name, Map<String, String> attributes, boolean terminated, boolean selfClosing,
                int contentStart) {
            this.name = name;
            this.attributes = Collections.unmodifiableMap(attributes);
            this.terminated = terminated;
            this.selfClosing = selfClosing;
            this.contentStart = contentStart;
        }

        /** The name as written. */
        public String name() {
            return name;
        }

        /** An attribute value, entities unescaped; names match case-insensitively. */
        public Optional<String> attribute(String attributeName) {
            return Optional.ofNullable(attributes.get(attributeName));
        }

        /** All attributes (case-insensitive lookup). */
        public Map<String, String> attributes() {
            return attributes;
        }

        /** False if the document ended inside this start tag. */
        public boolean terminated() {
            return terminated;
        }

        /** True for {@code <Name ... />}. */
        public boolean selfClosing() {
            return selfClosing;
        }

        /** True if the element is complete: self-closing, or its end tag was found. */
        public boolean closed() {
            return terminated && (selfClosing || contentEnd >= 0);
        }

        /**
         * The element's text: empty string for a self-closing element, nothing if no end tag was found. See the
         * class comment for what is unwrapped and unescaped.
         */
        public Optional<String> text() {
            if (selfClosing && terminated) {
                return Optional.of("");
            }
            return contentEnd < 0 ? Optional.empty() : Optional.of(content(text, contentStart, contentEnd));
        }

        @Override
        public String toString() {
            return "<" + name + (closed() ? ">" : " (incomplete)");
        }
    }

    // ---- scanning ----------------------------------------------------------------------------------------------

    private List<Element> scan(String s) {
        List<Element> found = new ArrayList<>();
        Map<String, Deque<Element>> open = new HashMap<>();
        Deque<Element> nesting = new ArrayDeque<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int lt = s.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            if (s.startsWith("<![CDATA[", lt)) {
                i = after(s, "]]>", lt + 9);
            } else if (s.startsWith("<!--", lt)) {
                i = after(s, "-->", lt + 4);
            } else if (s.startsWith("<?", lt)) {
                i = after(s, "?>", lt + 2);
            } else if (s.startsWith("<!", lt)) {
                i = after(s, ">", lt + 2);
            } else if (s.startsWith("</", lt)) {
                int nameEnd = nameEnd(s, lt + 2);
                if (nameEnd == lt + 2) {
                    i = lt + 1; // "</" followed by no name: text
                    continue;
                }
                String name = s.substring(lt + 2, nameEnd);
                Deque<Element> stack = open.get(name.toLowerCase(Locale.ROOT));
                Element closed = stack == null || stack.isEmpty() ? null : stack.pop();
                if (closed == null) {
                    unbalance("</" + name + "> closes nothing");
                } else {
                    closed.contentEnd = lt;
                    if (nesting.peek() != closed) {
                        unbalance("</" + name + "> inside <" + (nesting.isEmpty() ? "nothing" : nesting.peek().name)
                                + ">");
                    }
                    // elements opened inside it and never closed (a raw "Name <addr>") end with it, as in HTML
                    if (closed.nested) {
                        Element popped;
                        do {
                            popped = nesting.pop();
                            popped.nested = false;
                        } while (popped != closed);
                    }
                }
                i = after(s, ">", nameEnd);
            } else {
                int nameEnd = nameEnd(s, lt + 1);
                if (nameEnd == lt + 1) {
                    i = lt + 1; // "<" followed by no name: text, e.g. "a < b"
                    continue;
                }
                i = startTag(s, lt + 1, nameEnd, found, open, nesting);
            }
        }
        tooDeep = deepestCompleteNesting(found) > MAX_DEPTH;
        if (!nesting.isEmpty()) {
            unbalance("<" + nesting.peek().name + "> is never closed");
        }
        return found;
    }

    /** How many complete elements lie inside one another at most (found in document order; linear). */
    private static int deepestCompleteNesting(List<Element> found) {
        Deque<Element> enclosing = new ArrayDeque<>();
        int deepest = 0;
        for (Element e : found) {
            while (!enclosing.isEmpty() && enclosing.peek().contentEnd <= e.contentStart) {
                enclosing.pop();
            }
            if (e.contentEnd >= 0 && !e.selfClosing) {
                enclosing.push(e);
                deepest = Math.max(deepest, enclosing.size());
            }
        }
        return deepest;
    }

    private void unbalance(String why) {
        if (unbalanced.isEmpty()) {
            unbalanced = why;
        }
    }

    /** Position after the first {@code token} at or after {@code from}, or the end of the text. */
    private static int after(String s, String token, int from) {
        int at = s.indexOf(token, from);
        return at < 0 ? s.length() : at + token.length();
    }

    /** End of a tag name starting at {@code from}; {@code from} itself if no name starts there. */
    private static int nameEnd(String s, int from) {
        if (from >= s.length()) {
            return from;
        }
        char first = s.charAt(from);
        if (!(Character.isLetter(first) || first == '_' || first == ':')) {
            return from;
        }
        int i = from + 1;
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && c != '/' && c != '>' && c != '<' && c != '=' && c != '"' && c != '\'';
    }

    /** Parses the attributes of a start tag, records the element and returns the position after the tag. */
    private int startTag(String s, int nameStart, int nameEnd, List<Element> found, Map<String, Deque<Element>> open,
            Deque<Element> nesting) {
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int n = s.length();
        int p = nameEnd;
        boolean terminated = false;
        boolean selfClosing = false;
        while (p < n) {
            char c = s.charAt(p);
            if (Character.isWhitespace(c)) {
                p++;
            } else if (c == '>') {
                terminated = true;
                p++;
                break;
            } else if (c == '/' && p + 1 < n && s.charAt(p + 1) == '>') {
                terminated = true;
                selfClosing = true;
                p += 2;
                break;
            } else if (c == '<') {
                break; // a new tag starts: this one was never closed (a broken template); rescan from '<'
            } else {
                int attributeEnd = p;
                while (attributeEnd < n && isNameChar(s.charAt(attributeEnd))) {
                    attributeEnd++;
                }
                if (attributeEnd == p) {
                    p++; // a stray '=', quote or '/' where a name belongs
                    continue;
                }
                String attributeName = s.substring(p, attributeEnd);
                p = skipWhitespace(s, attributeEnd);
                String value = "";
                if (p < n && s.charAt(p) == '=') {
                    p = skipWhitespace(s, p + 1);
                    if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
                        int close = s.indexOf(s.charAt(p), p + 1);
                        if (close < 0) {
                            p = n; // unterminated value: the document ends inside this tag
                            break;
                        }
                        value = s.substring(p + 1, close);
                        p = close + 1;
                    } else {
                        int valueEnd = p;
                        while (valueEnd < n && !Character.isWhitespace(s.charAt(valueEnd)) && s.charAt(valueEnd) != '>'
                                && s.charAt(valueEnd) != '<') {
                            valueEnd++;
                        }
                        value = s.substring(p, valueEnd);
                        p = valueEnd;
                    }
                }
                attributes.putIfAbsent(attributeName, unescape(value));
            }
        }
        Element element = new Element(s.substring(nameStart, nameEnd), attributes, terminated, selfClosing, p);
        found.add(element);
        if (terminated && !selfClosing) {
            open.computeIfAbsent(element.name.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).push(element);
            nesting.push(element);
            element.nested = true;
        } else if (!terminated) {
            unbalance("<" + element.name + " is never ended");
        }
        return p;
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Element content: CDATA unwrapped, comments dropped, entities unescaped outside CDATA. */
    private static String content(String s, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int cdata = indexOf(s, "<![CDATA[", i, end);
            int comment = indexOf(s, "<!--", i, end);
            int next = Math.min(cdata < 0 ? end : cdata, comment < 0 ? end : comment);
            out.append(unescape(s.substring(i, next)));
            if (next == end) {
                break;
            }
            if (next == cdata) {
                int close = indexOf(s, "]]>", cdata + 9, end);
                out.append(s, cdata + 9, close < 0 ? end : close);
                i = close < 0 ? end : close + 3;
            } else {
                int close = indexOf(s, "-->", comment + 4, end);
                i = close < 0 ? end : close + 3;
            }
        }
        return out.toString();
    }

    /**
     * Like {@link String#indexOf(String, int)} but never looks at or beyond {@code end}: reading the text of many
     * elements must stay linear in the document size, whatever a hostile body contains.
     */
    private static int indexOf(String s, String token, int from, int end) {
        char first = token.charAt(0);
        for (int i = from, last = end - token.length(); i <= last; i++) {
            if (s.charAt(i) == first && s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Replaces the five predefined entities and numeric character references; anything else starting with
     * {@code &} (a raw ampersand from a template, an unknown entity, an invalid code point) is kept as written.
     */
    public static String unescape(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            out.append(s, i, amp);
            int semicolon = s.indexOf(';', amp + 1);
            String replacement = semicolon < 0 || semicolon - amp > 12 ? null
                    : entity(s.substring(amp + 1, semicolon));
            if (replacement == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(replacement);
                i = semicolon + 1;
            }
            amp = s.indexOf('&', i);
        }
        return out.append(s, i, s.length()).toString();
    }

    private static String entity(String name) {
        switch (name) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        if (name.length() < 2 || name.charAt(0) != '#') {
            return null;
        }
        boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 8
                || !digits.chars().allMatch(c -> hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9')) {
            return null;
        }
        int codePoint;
        try {
            codePoint = Integer.parseInt(digits, hex ? 16 : 10);
        } catch (NumberFormatException notANumber) {
            return null;
        }
        if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            return null;
        }
        return new String(Character.toChars(codePoint));
    }
}
