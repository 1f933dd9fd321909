package sns.flickr.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A Flickr answer in the REST format: {@code <rsp stat="ok">...</rsp>} or
 * {@code <rsp stat="fail"><err code="96" msg="Invalid signature"/></rsp>}. Parsed with the JDK's parser, DOCTYPEs
 * refused, so an answer cannot make the bridge fetch or expand entities.
 */
final class FlickrAnswer {

    private final Element rsp;

    private FlickrAnswer(Element rsp) {
        this.rsp = rsp;
    }

    /**
     * Reads an answer body.
     *
     * @throws IllegalArgumentException when it is not a Flickr {@code <rsp>} (an HTML error page of a proxy, garbage)
     */
    static FlickrAnswer parse(String body) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            Document doc = builder.parse(new InputSource(new StringReader(body == null ? "" : body)));
            Element root = doc.getDocumentElement();
            if (!"rsp".equals(root.getTagName()) || root.getAttribute("stat").isEmpty()) {
                throw new IllegalArgumentException("not a Flickr answer: <" + root.getTagName() + ">");
            }
            return new FlickrAnswer(root);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("not a Flickr answer: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** Whether {@code stat="ok"}. */
    boolean ok() {
        return "ok".equals(rsp.getAttribute("stat"));
    }

    /** The error code of a failed call; -1 when the answer names none. */
    int errorCode() {
        Element err = first("err");
        if (err == null) {
            return -1;
        }
        try {
            return Integer.parseInt(err.getAttribute("code").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The error message of a failed call; empty when none. */
    String errorMessage() {
        Element err = first("err");
        return err == null ? "" : err.getAttribute("msg").strip();
    }

    /** The text of the first element {@code name}, trimmed; empty when absent. */
    String text(String name) {
        Element e = first(name);
        return e == null ? "" : e.getTextContent().strip();
    }

    /** The attribute of the first element {@code name}; empty when absent. */
    String attribute(String name, String attribute) {
        Element e = first(name);
        return e == null ? "" : e.getAttribute(attribute);
    }

    /** Every element {@code name}, in document order. */
    List<Element> all(String name) {
        NodeList nodes = rsp.getElementsByTagName(name);
        List<Element> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private Element first(String name) {
        NodeList nodes = rsp.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }
}
