package sns.flickr.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

/**
 * A Flickr answer in the REST format: {@code <rsp stat="ok">...</rsp>} or
 * {@code <rsp stat="fail"><err code="96" msg="Invalid signature"/></rsp>}, read with Jackson XML into a tree
 * (attributes and child elements both become fields; repeated elements an array). DTDs are not supported by the
 * parser, so an answer cannot make the bridge fetch or expand entities.
 */
final class FlickrAnswer {

    private static final XmlMapper XML = new XmlMapper(new XmlFactory(safeInput()));

    private final JsonNode rsp;

    private FlickrAnswer(JsonNode rsp) {
        this.rsp = rsp;
    }

    private static XMLInputFactory safeInput() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return input;
    }

    /**
     * Reads an answer body.
     *
     * @throws IllegalArgumentException when it is not a Flickr {@code <rsp>} with a {@code stat} (an HTML error
     *     page of a proxy, garbage)
     */
    static FlickrAnswer parse(String body) {
        JsonNode root;
        try {
            root = XML.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Flickr answer: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("stat").isTextual()) {
            throw new IllegalArgumentException("not a Flickr answer: no stat");
        }
        return new FlickrAnswer(root);
    }

    /** Whether {@code stat="ok"}. */
    boolean ok() {
        return "ok".equals(rsp.path("stat").asText());
    }

    /** The error code of a failed call; -1 when the answer names none. */
    int errorCode() {
        try {
            return Integer.parseInt(rsp.path("err").path("code").asText("").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The error message of a failed call; empty when none. */
    String errorMessage() {
        return rsp.path("err").path("msg").asText("").strip();
    }

    /** The text of the first element {@code name}, trimmed; empty when absent. */
    String text(String name) {
        JsonNode e = first(rsp, name);
        return e == null ? "" : textOf(e).strip();
    }

    /** The attribute of the first element {@code name}; empty when absent. */
    String attribute(String name, String attribute) {
        JsonNode e = first(rsp, name);
        return e == null ? "" : e.path(attribute).asText("");
    }

    /** Every element {@code name} directly inside the first element {@code parent}, in document order. */
    List<JsonNode> all(String parent, String name) {
        JsonNode p = first(rsp, parent);
        JsonNode found = p == null ? null : p.get(name);
        List<JsonNode> out = new ArrayList<>();
        if (found != null && found.isArray()) {
            found.forEach(out::add);
        } else if (found != null) {
            out.add(found);
        }
        return out;
    }

    /** An element's text: the node itself, or the {@code ""} field of an element that also has attributes. */
    static String textOf(JsonNode element) {
        return element.isValueNode() ? element.asText() : element.path("").asText("");
    }

    /** Depth first, in document order, as Flickr's answers nest a few levels at most. */
    private static JsonNode first(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(name)) {
                return field.getValue().isArray() ? field.getValue().get(0) : field.getValue();
            }
            for (JsonNode child : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                JsonNode found = child.isContainerNode() ? first(child, name) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
