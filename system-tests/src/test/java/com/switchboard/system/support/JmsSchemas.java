package com.switchboard.system.support;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JMS contract's JSON Schemas (docs/jms-schema), held against what the tests send and receive: a message of a
 * type without a schema, or one its schema does not allow, breaks the contract a legacy system was given.
 */
public final class JmsSchemas {

    private static final Path FOLDER = Path.of(System.getProperty("it.jms-schemas", "../docs/jms-schema"));
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private JmsSchemas() {
    }

    /** What is wrong with an event of the outbound topic: empty when its schema allows it. */
    public static List<String> outboundProblems(JsonObject event) {
        return problems("outbound." + event.getString("type", "(no type)"), event.toString());
    }

    /** What is wrong with a message for the inbound queue: empty when its schema allows it. */
    public static List<String> inboundProblems(JsonObject message) {
        return problems("inbound." + message.getString("type", "(no type)"), message.toString());
    }

    private static List<String> problems(String name, String json) {
        var file = FOLDER.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            return List.of(name + " has no schema in " + FOLDER);
        }
        var schema = SCHEMAS.computeIfAbsent(name, any -> {
            try {
                return REGISTRY.getSchema(Files.readString(file), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return schema.validate(json, InputFormat.JSON).stream().map(error -> name + ": " + error).toList();
    }
}
