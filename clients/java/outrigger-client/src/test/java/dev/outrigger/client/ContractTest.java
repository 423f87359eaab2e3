package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.outrigger.client.internal.Json;
import dev.outrigger.client.internal.wire.ConfigWire;
import dev.outrigger.client.internal.wire.ElectionWire;
import dev.outrigger.client.internal.wire.LockWire;
import dev.outrigger.client.internal.wire.RegistryWire;
import dev.outrigger.client.internal.wire.SessionWire;
import dev.outrigger.client.internal.wire.StatusWire;
import dev.outrigger.client.model.ClusterStatus;
import dev.outrigger.client.model.CompareOp;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import dev.outrigger.client.model.ConfigPage;
import dev.outrigger.client.model.ConfigResync;
import dev.outrigger.client.model.DeleteResult;
import dev.outrigger.client.model.EventType;
import dev.outrigger.client.model.HealthCheck;
import dev.outrigger.client.model.Instance;
import dev.outrigger.client.model.InstanceEvent;
import dev.outrigger.client.model.InstanceList;
import dev.outrigger.client.model.Leader;
import dev.outrigger.client.model.LockCondition;
import dev.outrigger.client.model.LockHolder;
import dev.outrigger.client.model.Member;
import dev.outrigger.client.model.ServiceList;
import dev.outrigger.client.model.Session;
import dev.outrigger.client.model.TxnDeleteResult;
import dev.outrigger.client.model.TxnGetResult;
import dev.outrigger.client.model.TxnPutResult;
import dev.outrigger.client.model.TxnResponse;
import dev.outrigger.client.model.TxnResult;
import dev.outrigger.testing.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java types in step with the API: every JSON DTO of the client must have exactly
 * the fields of its definition in proto/outrigger/v1/outrigger.swagger.json (generated from
 * the protos), with matching types, and every route the client calls must be in it.
 */
class ContractTest {
    private static final Map<String, Class<?>> DEFINITIONS = new LinkedHashMap<>();
    private static JsonNode swagger;
    private static final ObjectMapper MAPPER = Json.newMapper();

    static {
        DEFINITIONS.put("v1ConfigEntry", ConfigEntry.class);
        DEFINITIONS.put("v1ConfigEvent", ConfigEvent.class);
        DEFINITIONS.put("v1ConfigResync", ConfigResync.class);
        DEFINITIONS.put("v1ListConfigResponse", ConfigPage.class);
        DEFINITIONS.put("v1DeleteConfigResponse", DeleteResult.class);
        DEFINITIONS.put("ConfigServicePutBody", ConfigWire.PutBody.class);
        DEFINITIONS.put("v1LockCondition", LockCondition.class);
        DEFINITIONS.put("v1TxnRequest", ConfigWire.TxnRequest.class);
        DEFINITIONS.put("v1Compare", ConfigWire.Compare.class);
        DEFINITIONS.put("v1TxnOp", ConfigWire.TxnOp.class);
        DEFINITIONS.put("v1TxnPut", ConfigWire.TxnPut.class);
        DEFINITIONS.put("v1TxnDelete", ConfigWire.TxnDelete.class);
        DEFINITIONS.put("v1TxnGet", ConfigWire.TxnGet.class);
        DEFINITIONS.put("v1TxnResponse", TxnResponse.class);
        DEFINITIONS.put("v1TxnResult", TxnResult.class);
        DEFINITIONS.put("v1TxnPutResult", TxnPutResult.class);
        DEFINITIONS.put("v1TxnDeleteResult", TxnDeleteResult.class);
        DEFINITIONS.put("v1TxnGetResult", TxnGetResult.class);
        DEFINITIONS.put("v1WatchConfigResponse", ConfigWire.WatchLine.class);
        DEFINITIONS.put("v1CreateSessionRequest", SessionWire.CreateBody.class);
        DEFINITIONS.put("v1Session", Session.class);
        DEFINITIONS.put("v1KeepAliveSessionResponse", SessionWire.KeepAliveAnswer.class);
        DEFINITIONS.put("v1DeleteSessionResponse", SessionWire.DeleteAnswer.class);
        DEFINITIONS.put("RegistryServiceRegisterBody", RegistryWire.RegisterBody.class);
        DEFINITIONS.put("v1HealthCheck", HealthCheck.class);
        DEFINITIONS.put("v1Instance", Instance.class);
        DEFINITIONS.put("v1InstanceEvent", InstanceEvent.class);
        DEFINITIONS.put("v1InstancesResync", InstanceList.class);
        DEFINITIONS.put("v1ListInstancesResponse", InstanceList.class);
        DEFINITIONS.put("v1ListServicesResponse", ServiceList.class);
        DEFINITIONS.put("v1DeregisterInstanceResponse", RegistryWire.DeregisterAnswer.class);
        DEFINITIONS.put("v1WatchInstancesResponse", RegistryWire.WatchLine.class);
        DEFINITIONS.put("LockServiceAcquireBody", LockWire.AcquireBody.class);
        DEFINITIONS.put("v1AcquireLockResponse", LockWire.AcquireAnswer.class);
        DEFINITIONS.put("LockServiceReleaseBody", LockWire.ReleaseBody.class);
        DEFINITIONS.put("v1ReleaseLockResponse", LockWire.ReleaseAnswer.class);
        DEFINITIONS.put("v1LockHolder", LockHolder.class);
        DEFINITIONS.put("ElectionServiceCampaignBody", ElectionWire.CampaignBody.class);
        DEFINITIONS.put("v1CampaignResponse", ElectionWire.CampaignAnswer.class);
        DEFINITIONS.put("ElectionServiceProclaimBody", ElectionWire.ProclaimBody.class);
        DEFINITIONS.put("ElectionServiceResignBody", ElectionWire.ResignBody.class);
        DEFINITIONS.put("v1ResignResponse", ElectionWire.ResignAnswer.class);
        DEFINITIONS.put("v1Leader", Leader.class);
        DEFINITIONS.put("v1ObserveElectionResponse", ElectionWire.ObserveLine.class);
        DEFINITIONS.put("v1ClusterStatus", ClusterStatus.class);
        DEFINITIONS.put("v1Member", Member.class);
        DEFINITIONS.put("googleRpcStatus", StatusWire.class);
        DEFINITIONS.put("v1EventType", EventType.class);
        DEFINITIONS.put("v1CompareOp", CompareOp.class);
        DEFINITIONS.put("protobufAny", Map.class);
    }

    /** Every route the client calls, as "METHOD path-template". */
    private static final List<String> ROUTES = List.of(
            "get /v1/config/{key}", "put /v1/config/{key}", "delete /v1/config/{key}", "get /v1/config",
            "post /v1/config:txn", "get /v1/config:watch",
            "post /v1/sessions", "post /v1/sessions/{id}:keepalive", "get /v1/sessions/{id}",
            "delete /v1/sessions/{id}",
            "put /v1/services/{service}/instances/{id}", "delete /v1/services/{service}/instances/{id}",
            "get /v1/services", "get /v1/services/{service}/instances", "get /v1/services/{service}/instances:watch",
            "post /v1/locks/{name}:acquire", "get /v1/locks/{name}",
            "post /v1/elections/{name}:campaign", "post /v1/elections/{name}:proclaim",
            "post /v1/elections/{name}:resign", "get /v1/elections/{name}/leader",
            "get /v1/elections/{name}:observe", "get /v1/cluster");

    @BeforeAll
    static void readSwagger() throws IOException {
        Path file = Sidecar.repoRoot().resolve("proto/outrigger/v1/outrigger.swagger.json");
        swagger = MAPPER.readTree(Files.readAllBytes(file));
    }

    @Test
    void everyDtoHasExactlyTheFieldsOfItsDefinition() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : DEFINITIONS.entrySet()) {
            JsonNode def = swagger.path("definitions").path(e.getKey());
            if (def.isMissingNode()) {
                problems.add(e.getKey() + ": no such definition in the OpenAPI document");
                continue;
            }
            if (e.getValue() == Map.class) {
                continue;
            } else if (e.getValue().isEnum()) {
                problems.addAll(compareEnum(e.getKey(), def, e.getValue()));
            } else {
                problems.addAll(compareObject(e.getKey(), def, e.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            fail("the Java DTOs drifted from proto/outrigger/v1/outrigger.swagger.json:\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void everyDefinitionTheClientReadsOrWritesIsCovered() {
        Set<String> referenced = new TreeSet<>();
        for (String route : ROUTES) {
            String[] parts = route.split(" ", 2);
            collectRefs(swagger.path("paths").path(parts[1]).path(parts[0]), referenced);
        }
        Set<String> closure = new TreeSet<>();
        for (String r : referenced) {
            closeOver(r, closure);
        }
        closure.removeAll(DEFINITIONS.keySet());
        assertTrue(closure.isEmpty(), "definitions with no Java DTO in the contract test: " + closure);
    }

    @Test
    void everyRouteTheClientCallsExists() {
        List<String> missing = ROUTES.stream().filter(r -> {
            String[] parts = r.split(" ", 2);
            return swagger.path("paths").path(parts[1]).path(parts[0]).isMissingNode();
        }).collect(Collectors.toList());
        assertEquals(List.of(), missing, "routes missing from the OpenAPI document");
    }

    private static List<String> compareEnum(String name, JsonNode def, Class<?> type) {
        Set<String> expected = new TreeSet<>();
        def.path("enum").forEach(v -> expected.add(v.asText()));
        Set<String> actual = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toCollection(TreeSet::new));
        return expected.equals(actual) ? List.of()
                : List.of(name + ": enum " + type.getSimpleName() + " has " + actual + ", the schema " + expected);
    }

    private static List<String> compareObject(String name, JsonNode def, Class<?> type) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> schema = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = def.path("properties").fields();
        fields.forEachRemaining(f -> schema.put(f.getKey(), f.getValue()));
        JavaType javaType = MAPPER.constructType(type);
        Map<String, BeanPropertyDefinition> java = new TreeMap<>();
        for (BeanPropertyDefinition p : MAPPER.getSerializationConfig().introspect(javaType).findProperties()) {
            java.put(p.getName(), p);
        }
        for (String f : schema.keySet()) {
            if (!java.containsKey(f)) {
                problems.add(name + "." + f + ": missing in " + type.getName());
            }
        }
        for (Map.Entry<String, BeanPropertyDefinition> p : java.entrySet()) {
            JsonNode prop = schema.get(p.getKey());
            if (prop == null) {
                problems.add(name + ": " + type.getName() + " has " + p.getKey() + ", the schema does not");
                continue;
            }
            String why = typeMismatch(prop, p.getValue().getPrimaryType());
            if (why != null) {
                problems.add(name + "." + p.getKey() + ": " + why);
            }
        }
        return problems;
    }

    private static String typeMismatch(JsonNode prop, JavaType java) {
        Class<?> raw = java.getRawClass();
        if (prop.has("$ref")) {
            String ref = refName(prop.get("$ref").asText());
            Class<?> mapped = DEFINITIONS.get(ref);
            return raw.equals(mapped) ? null : "is " + raw.getSimpleName() + ", the schema " + ref;
        }
        String t = prop.path("type").asText();
        String format = prop.path("format").asText("");
        switch (t) {
            case "string":
                if (format.equals("int64") || format.equals("uint64")) {
                    return raw == long.class || raw == Long.class ? null : "is " + raw.getSimpleName() + ", not long";
                }
                return raw == String.class ? null : "is " + raw.getSimpleName() + ", not String";
            case "integer":
                return raw == int.class || raw == Integer.class ? null : "is " + raw.getSimpleName() + ", not int";
            case "number":
                return raw == double.class || raw == Double.class ? null : "is " + raw.getSimpleName() + ", not double";
            case "boolean":
                return raw == boolean.class || raw == Boolean.class ? null
                        : "is " + raw.getSimpleName() + ", not boolean";
            case "array":
                if (!List.class.isAssignableFrom(raw)) {
                    return "is " + raw.getSimpleName() + ", not a List";
                }
                return typeMismatch(prop.get("items"), java.getContentType());
            case "object":
                if (prop.has("additionalProperties")) {
                    return Map.class.isAssignableFrom(raw) ? null : "is " + raw.getSimpleName() + ", not a Map";
                }
                return "an untyped object";
            default:
                return "unknown schema type " + prop;
        }
    }

    private static void collectRefs(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    out.add(refName(f.getValue().asText()));
                } else {
                    collectRefs(f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }

    private static void closeOver(String name, Set<String> closure) {
        if (!closure.add(name)) {
            return;
        }
        Set<String> refs = new TreeSet<>();
        collectRefs(swagger.path("definitions").path(name), refs);
        refs.forEach(r -> closeOver(r, closure));
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
