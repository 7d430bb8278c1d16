package org.honkoku.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;

/**
 * TEI validation with jing (RELAX NG, the TEI's schema language): against {@code tei-honkoku.rng}, a hand-written
 * subset of TEI P5 (see its header for why), and also against the official {@code tei_all.rng} when someone has put
 * it into src/test/resources/schemas.
 */
public final class TeiSchema {

    private TeiSchema() {
    }

    /** The schemas that were applied; fails with every error found. */
    public static List<String> validate(byte[] xml) throws IOException, SAXException {
        List<String> applied = new ArrayList<>();
        for (String rng : List.of("tei-honkoku.rng", "tei_all.rng")) {
            URL url = TeiSchema.class.getResource("/schemas/" + rng);
            if (url == null) {
                if (rng.equals("tei-honkoku.rng")) {
                    throw new IllegalStateException("schema missing from the test resources: " + rng);
                }
                continue;
            }
            List<String> errors = new ArrayList<>();
            PropertyMapBuilder properties = new PropertyMapBuilder();
            properties.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            });
            ValidationDriver driver = new ValidationDriver(properties.toPropertyMap());
            if (!driver.loadSchema(new InputSource(url.toString()))) {
                throw new IllegalStateException("cannot load " + rng + ": " + errors);
            }
            boolean valid = driver.validate(new InputSource(new ByteArrayInputStream(xml)));
            if (!valid || !errors.isEmpty()) {
                throw new AssertionError(rng + ": " + errors);
            }
            applied.add(rng);
        }
        return applied;
    }
}
