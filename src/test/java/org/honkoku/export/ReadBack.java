package org.honkoku.export;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the glyphs back out of a PAGE or ALTO export, line by line, as an archival tool would. */
public final class ReadBack {

    /** A glyph as read from an export: its text line (0 = first in reading order) and what it says. */
    public record Glyph(int line, String text, int x, int y, int w, int h, float confidence, boolean reviewed) {
    }

    private ReadBack() {
    }

    public static List<Glyph> page(byte[] xml) throws Exception {
        Document doc = parse(xml);
        List<Glyph> glyphs = new ArrayList<>();
        NodeList lines = doc.getElementsByTagNameNS(PageXmlExporter.NAMESPACE, "TextLine");
        for (int l = 0; l < lines.getLength(); l++) {
            Element line = (Element) lines.item(l);
            NodeList gs = line.getElementsByTagNameNS(PageXmlExporter.NAMESPACE, "Glyph");
            for (int i = 0; i < gs.getLength(); i++) {
                Element g = (Element) gs.item(i);
                Element coords = child(g, "Coords");
                int[] box = bounds(coords.getAttribute("points"));
                Element first = child(g, "TextEquiv");
                String text = child(first, "Unicode").getTextContent();
                glyphs.add(new Glyph(Integer.parseInt(line.getAttribute("index")), text, box[0], box[1],
                        box[2] - box[0], box[3] - box[1], Float.parseFloat(first.getAttribute("conf")),
                        PageXmlExporter.REVIEWED.equals(g.getAttribute("custom"))));
            }
        }
        return glyphs;
    }

    public static List<Glyph> alto(byte[] xml) throws Exception {
        Document doc = parse(xml);
        List<Glyph> glyphs = new ArrayList<>();
        NodeList lines = doc.getElementsByTagNameNS(AltoExporter.NAMESPACE, "TextLine");
        for (int l = 0; l < lines.getLength(); l++) {
            NodeList strings = ((Element) lines.item(l)).getElementsByTagNameNS(AltoExporter.NAMESPACE, "String");
            for (int i = 0; i < strings.getLength(); i++) {
                Element s = (Element) strings.item(i);
                glyphs.add(new Glyph(l, s.getAttribute("CONTENT"), (int) f(s, "HPOS"), (int) f(s, "VPOS"),
                        (int) f(s, "WIDTH"), (int) f(s, "HEIGHT"), f(s, "WC"),
                        Boolean.parseBoolean(s.getAttribute("CS"))));
                // the Glyph, when there is one, must say the same as its String
                for (var n = s.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element g && g.getLocalName().equals("Glyph")) {
                        for (String a : List.of("CONTENT", "HPOS", "VPOS", "WIDTH", "HEIGHT")) {
                            if (!g.getAttribute(a).equals(s.getAttribute(a))) {
                                throw new AssertionError("Glyph " + a + " differs from its String's");
                            }
                        }
                        if (!g.getAttribute("GC").equals(s.getAttribute("WC"))) {
                            throw new AssertionError("Glyph GC differs from its String's WC");
                        }
                    }
                }
            }
        }
        return glyphs;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getLocalName());
    }

    private static float f(Element e, String attribute) {
        return Float.parseFloat(e.getAttribute(attribute));
    }

    /** PAGE polygon points → left, top, right, bottom. */
    private static int[] bounds(String points) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (String p : points.split(" ")) {
            String[] xy = p.split(",");
            int x = Integer.parseInt(xy[0]);
            int y = Integer.parseInt(xy[1]);
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b;
    }
}
