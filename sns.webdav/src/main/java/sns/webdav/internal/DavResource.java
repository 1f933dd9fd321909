package sns.webdav.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One entry of a PROPFIND answer (RFC 4918 multistatus): its name, size ({@code getcontentlength}) and, on
 * Nextcloud, the checksums it stored with the file ({@code oc:checksums}, e.g. {@code SHA1:ab12... MD5:...}).
 *
 * @param name the last path segment, decoded
 * @param size the size in bytes, -1 for a folder or when not said
 * @param checksums the {@code oc:checksums} text, empty when the server keeps none
 */
record DavResource(String name, long size, String checksums) {

    static final String DAV = "DAV:";
    static final String OC = "http://owncloud.org/ns";

    /** The request body asking for exactly what this record holds. */
    static final String PROPFIND_BODY = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<d:propfind xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\"><d:prop>"
            + "<d:getcontentlength/><d:resourcetype/><oc:checksums/></d:prop></d:propfind>";

    /** The SHA-1 the server stored, lower case, if it keeps one. */
    Optional<String> sha1() {
        for (String c : checksums.split("\\s+")) {
            if (c.regionMatches(true, 0, "SHA1:", 0, 5)) {
                return Optional.of(c.substring(5).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** Reads a multistatus body; entries of other status than 200 are left out. */
    static List<DavResource> parse(byte[] xml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // a server's answer is no place for DTDs or external entities (XXE)
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable PROPFIND answer: " + e.getMessage(), e);
        }
        List<DavResource> out = new ArrayList<>();
        NodeList responses = doc.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            String href = text(response, DAV, "href");
            long size = -1;
            String checksums = "";
            NodeList propstats = response.getElementsByTagNameNS(DAV, "propstat");
            for (int j = 0; j < propstats.getLength(); j++) {
                Element propstat = (Element) propstats.item(j);
                if (!text(propstat, DAV, "status").contains(" 200 ")) {
                    continue;
                }
                String length = text(propstat, DAV, "getcontentlength");
                if (!length.isEmpty()) {
                    try {
                        size = Long.parseLong(length.strip());
                    } catch (NumberFormatException e) {
                        size = -1;
                    }
                }
                NodeList sums = propstat.getElementsByTagNameNS(OC, "checksum");
                StringBuilder all = new StringBuilder();
                for (int k = 0; k < sums.getLength(); k++) {
                    all.append(all.isEmpty() ? "" : " ").append(sums.item(k).getTextContent().strip());
                }
                if (all.isEmpty()) {
                    all.append(text(propstat, OC, "checksums").strip());
                }
                checksums = all.toString();
            }
            out.add(new DavResource(lastSegment(href), size, checksums));
        }
        return out;
    }

    private static String text(Element parent, String ns, String local) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, local);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    static String lastSegment(String href) {
        String path = URI.create(href.strip().replace(" ", "%20")).getRawPath();
        if (path == null) {
            return "";
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
                StandardCharsets.UTF_8);
    }
}
