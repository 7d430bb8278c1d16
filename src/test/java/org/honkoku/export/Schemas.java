package org.honkoku.export;

import java.io.ByteArrayInputStream;
import java.net.URL;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/** The official PAGE and ALTO schemas (copied into src/test/resources/schemas) as validators. */
public final class Schemas {

    private Schemas() {
    }

    public static void validatePage(byte[] xml) throws Exception {
        validate("pagecontent-2019-07-15.xsd", xml);
    }

    public static void validateAlto(byte[] xml) throws Exception {
        validate("alto-4-4.xsd", xml);
    }

    private static void validate(String xsd, byte[] xml) throws Exception {
        URL url = Schemas.class.getResource("/schemas/" + xsd);
        if (url == null) {
            throw new IllegalStateException("schema missing from the test resources: " + xsd);
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // Only the local copies: alto-4-4.xsd imports xlink.xsd beside it, nothing is fetched.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        Schema schema = factory.newSchema(url);
        try {
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new AssertionError(xsd + ": " + e.getMessage(), e);
        }
    }
}
