package io.engagement.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an object against a CRD's structural openAPIV3Schema the way the API server treats a custom resource:
 * a field the schema does not declare (and no additionalProperties / x-kubernetes-preserve-unknown-fields allows)
 * is pruned, so it is reported; so are wrong types, enum values, required fields, minimum/maximum and
 * oneOf/anyOf alternatives of `required` lists.
 */
final class StructuralSchema {

    private StructuralSchema() {
    }

    static List<String> validate(JsonNode value, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "", errors);
        return errors;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        String where = path.isEmpty() ? "." : path;
        if (path.equals(".metadata")) {
            return; // the API server validates ObjectMeta itself; a CRD's schema declares metadata as a bare object
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!(value.isIntegralNumber() || value.isTextual())) {
                errors.add(where + ": must be an integer or a string, is " + value.getNodeType());
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(where + ": must be an object, is " + value.getNodeType());
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String child = path + "." + field.getKey();
                    if (properties.has(field.getKey())) {
                        check(field.getValue(), properties.get(field.getKey()), child, errors);
                    } else if (additional.isObject()) {
                        check(field.getValue(), additional, child, errors);
                    } else if (!(preserve || additional.asBoolean(false))) {
                        errors.add(child + ": unknown field, pruned by the API server");
                    }
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        errors.add(where + ": missing required field " + required.asText());
                    }
                }
                alternatives(value, schema, "oneOf", where, errors);
                alternatives(value, schema, "anyOf", where, errors);
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(where + ": must be an array, is " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), path + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(where + ": must be a string, is " + value.getNodeType());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(where + ": must be an integer, is " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(where + ": must be a number, is " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(where + ": must be a boolean, is " + value.getNodeType());
                }
            }
            default -> {
                // untyped (e.g. preserve-unknown-fields values): anything goes
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value) || allowed.asText().equals(value.asText());
            }
            if (!found) {
                errors.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(where + ": " + value + " < minimum " + schema.get("minimum"));
        }
        if (value.isNumber() && schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(where + ": " + value + " > maximum " + schema.get("maximum"));
        }
    }

    private static void alternatives(JsonNode value, JsonNode schema, String keyword, String where, List<String> errors) {
        if (!schema.has(keyword)) {
            return;
        }
        int matching = 0;
        for (JsonNode alternative : schema.get(keyword)) {
            boolean all = true;
            for (JsonNode required : alternative.path("required")) {
                all &= value.has(required.asText());
            }
            matching += all ? 1 : 0;
        }
        if (keyword.equals("oneOf") ? matching != 1 : matching == 0) {
            errors.add(where + ": " + keyword + " " + schema.get(keyword) + " not satisfied");
        }
    }
}
