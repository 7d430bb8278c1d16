package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.honkoku.store.PageTranscription;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** TEI of a known page: valid, every character in reading order pointing at its zone, machine and reviewer told apart. */
class TeiExportTest {

    static byte[] tei(List<PageTranscription> pages) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TeiExporter().write(pages, out);
        return out.toByteArray();
    }

    @Test
    void teiIsValidAndKeepsEveryCharacterInReadingOrderWithItsZone() throws Exception {
        byte[] xml = tei(List.of(XmlExportTest.PAGE));
        assertThat(TeiSchema.validate(xml)).contains("tei-honkoku.rng");
        Document doc = parse(xml);

        Map<String, Element> zones = new HashMap<>();
        NodeList zoneList = doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "zone");
        for (int i = 0; i < zoneList.getLength(); i++) {
            Element z = (Element) zoneList.item(i);
            zones.put(z.getAttributeNS("http://www.w3.org/XML/1998/namespace", "id"), z);
        }
        NodeList cs = doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "c");
        assertThat(cs.getLength()).isEqualTo(XmlExportTest.BOXES.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            text.append(c.getTextContent());
            Element zone = zones.get(c.getAttribute("facs").substring(1));
            var box = XmlExportTest.BOXES.get(i);
            assertThat(zone.getAttribute("ulx")).isEqualTo(String.valueOf(box.x()));
            assertThat(zone.getAttribute("lry")).isEqualTo(String.valueOf(box.y() + box.h()));
            assertThat(c.getAttribute("resp")).isEqualTo(box.isReviewed() ? "#review" : "#honkoku");
        }
        assertThat(text.toString()).isEqualTo("いろ\uD840\uDC0Bは〓〓");
        assertThat(((Element) cs.item(0)).getAttribute("cert")).isEqualTo("0.9100");
        assertThat(((Element) cs.item(1)).getAttribute("cert")).isEqualTo("high");
        // a line begins each column, right to left; the page break points at the page's surface
        assertThat(doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "lb").getLength()).isEqualTo(3);
        Element pb = (Element) doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "pb").item(0);
        assertThat(pb.getAttribute("facs")).isEqualTo("#p1");
        String s = new String(xml, StandardCharsets.UTF_8);
        assertThat(s).contains("<name>alice</name>", "<name>bob</name>", "url=\"page_001.jpg\"", "width=\"300px\"");
    }

    @Test
    void theSchemaRefusesABrokenDocument() throws Exception {
        String xml = new String(tei(List.of(XmlExportTest.PAGE)), StandardCharsets.UTF_8);
        byte[] noCert = xml.replace("cert=\"0.9100\"", "cert=\"1.91\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TeiSchema.validate(noCert)).isInstanceOf(AssertionError.class).hasMessageContaining("cert");
        byte[] noLanguage = xml.replace(" ident=\"ja\"", "").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TeiSchema.validate(noLanguage)).isInstanceOf(AssertionError.class);
        byte[] zoneFirst = xml.replaceFirst("(<graphic [^>]*/>)(\\s*)(<zone [^>]*/>)", "$3$2$1").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(zoneFirst, StandardCharsets.UTF_8)).isNotEqualTo(xml);
        assertThatThrownBy(() -> TeiSchema.validate(zoneFirst)).isInstanceOf(AssertionError.class);
    }

    @Test
    void twoPagesAreTwoSurfacesAndAnEmptyPageIsValid() throws Exception {
        PageTranscription empty = new PageTranscription("book", "blank", List.of(), XmlExportTest.PAGE.info());
        byte[] xml = tei(List.of(XmlExportTest.PAGE, empty));
        TeiSchema.validate(xml);
        Document doc = parse(xml);
        assertThat(doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "surface").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagNameNS(TeiExporter.NAMESPACE, "pb").getLength()).isEqualTo(2);
    }

    @Test
    void versionNumbersAreTeis() {
        assertThat(TeiExporter.versionNumber("0.1.0")).isEqualTo("0.1.0");
        assertThat(TeiExporter.versionNumber("1.2.3-SNAPSHOT")).isEqualTo("1.2.3");
        assertThat(TeiExporter.versionNumber(null)).isEqualTo("0");
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
