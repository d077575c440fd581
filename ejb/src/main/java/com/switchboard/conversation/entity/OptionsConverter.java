package com.switchboard.conversation.entity;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.util.List;

/** An option menu in one column, as a JSON array of labels: read and written with its message, never queried. */
@Converter
public class OptionsConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> options) {
        if (options == null || options.isEmpty()) {
            return null;
        }
        var array = JSON.createArrayBuilder();
        options.forEach(array::add);
        return array.build().toString();
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
