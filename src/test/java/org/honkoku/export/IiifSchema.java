package org.honkoku.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The IIIF Presentation 3 JSON schema (copied into src/test/resources/schemas, see its README) as a validator. */
public final class IiifSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    private IiifSchema() {
    }

    /** The schema's complaints about a document: none when it is a valid manifest, collection or annotation page. */
    public static Set<ValidationMessage> problems(JsonNode document) {
        return schema().validate(document);
    }

    public static void validate(JsonNode document) {
        Set<ValidationMessage> problems = problems(document);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid IIIF Presentation 3: " + problems);
        }
    }

    public static void validate(byte[] json) {
        try {
            validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = IiifSchema.class.getResourceAsStream("/schemas/iiif-presentation-3.json")) {
                if (in == null) {
                    throw new IllegalStateException("schema missing from the test resources: iiif-presentation-3.json");
                }
                ObjectNode node = (ObjectNode) JSON.readTree(in);
                // read as the IIIF validator's ajv 6 reads its unversioned "$schema": draft-07
                node.put("$schema", "http://json-schema.org/draft-07/schema#");
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
