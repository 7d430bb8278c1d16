package org.honkoku.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Small DOM helpers for the XML exports: one (default) namespace per document, indented UTF-8 output. */
final class Xml {

    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private final Document doc;
    private final String namespace;

    private Xml(Document doc, String namespace) {
        this.doc = doc;
        this.namespace = namespace;
    }

    static Xml document(String namespace) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new Xml(factory.newDocumentBuilder().newDocument(), namespace);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root element, with its schema location. */
    Element root(String name, String schemaLocation) {
        Element root = doc.createElementNS(namespace, name);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI);
        root.setAttributeNS(XSI, "xsi:schemaLocation", namespace + " " + schemaLocation);
        doc.appendChild(root);
        return root;
    }

    /** The root element, for a vocabulary without a schema location (TEI: RELAX NG, by its namespace). */
    Element root(String name) {
        Element root = doc.createElementNS(namespace, name);
        doc.appendChild(root);
        return root;
    }

    /** A child element with attributes given as name, value pairs (null values are left out). */
    Element add(Element parent, String name, Object... attributes) {
        Element e = doc.createElementNS(namespace, name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                e.setAttribute((String) attributes[i], String.valueOf(attributes[i + 1]));
            }
        }
        parent.appendChild(e);
        return e;
    }

    Element text(Element parent, String name, String text) {
        Element e = add(parent, name);
        e.setTextContent(text);
        return e;
    }

    /**
     * Writes the document as indented UTF-8. Our own few lines rather than a Transformer, which writes
     * characters outside the BMP (many rare kanji) as numeric references instead of UTF-8. The stream
     * is flushed, not closed (it may be a ZIP entry).
     */
    void write(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(w, doc.getDocumentElement(), 0);
        w.flush();
    }

    private void element(Writer w, Element e, int depth) throws IOException {
        w.write("  ".repeat(depth));
        w.write("<" + e.getLocalName());
        if (depth == 0) {
            w.write(" xmlns=\"" + escape(namespace, true) + "\"");
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            w.write(" " + a.getNodeName() + "=\"" + escape(a.getNodeValue(), true) + "\"");
        }
        boolean hasElements = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            hasElements |= n instanceof Element;
        }
        if (hasElements) {
            w.write(">\n");
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element child) {
                    element(w, child, depth + 1);
                }
            }
            w.write("  ".repeat(depth) + "</" + e.getLocalName() + ">\n");
        } else if (e.getTextContent().isEmpty()) {
            w.write("/>\n");
        } else {
            w.write(">" + escape(e.getTextContent(), false) + "</" + e.getLocalName() + ">\n");
        }
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    // XML 1.0 has no other control characters; none belong in a transcription
                    if (c >= 0x20 || Character.isSurrogate(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** xs:dateTime in UTC, to the second (both schemas ask for UTC). */
    static String dateTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
