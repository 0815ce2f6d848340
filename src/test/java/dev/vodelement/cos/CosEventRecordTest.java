package dev.vodelement.cos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.standin.CosEvents;
import dev.vodelement.upload.ManifestKey;

class CosEventRecordTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSampleEventNamesTheCatManifestOnItsBucketHost() {
        JsonNode event = CosEvents.sample("events/cos-upload.json");
        assertTrue(CosEventRecord.isCosEvent(event));

        CosEventRecord record = CosEventRecord.parse(event.path("Records").get(0), 0);

        assertEquals("elements/cat.element.json", record.key());
        assertEquals("examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com", record.objectUrl().getHost());
        assertTrue(ManifestKey.isManifest(record.key()));
        assertTrue(record.isObjectCreated());
    }

    @Test
    void theOfficialSampleParses() throws Exception {
        JsonNode record = MAPPER.readTree("""
                {"cos": {"cosSchemaVersion": "1.0",
                  "cosObject": {"url": "http://testpic-1253970026.cos.ap-chengdu.myqcloud.com/testfile",
                                "meta": {"x-cos-request-id": "NWMx", "Content-Type": ""}, "vid": "",
                                "key": "/1253970026/testpic/testfile", "size": "1029"},
                  "cosBucket": {"region": "cd", "name": "testpic", "appid": "1253970026"},
                  "cosNotificationId": "unkown"},
                 "event": {"eventName": "cos:ObjectCreated:*", "eventVersion": "1.0"}}""");

        CosEventRecord parsed = CosEventRecord.parse(record, 0);

        assertEquals("testfile", parsed.key());
        assertFalse(ManifestKey.isManifest(parsed.key()));
    }

    @Test
    void theKeyPrefixIsStrippedEvenWithoutBucketFields() {
        ObjectNode record = record("/1250000000/other-bucket/a/b.element.json",
                "https://other-bucket-1250000000.cos.ap-guangzhou.myqcloud.com/a/b.element.json");
        ((ObjectNode) record.path("cos")).remove("cosBucket");
        assertEquals("a/b.element.json", CosEventRecord.parse(record, 0).key());
    }

    @Test
    void percentEncodedKeysAreDecoded() {
        String url = "http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/%E5%AE%A0%E7%89%A9/my%20cat%2B1.element.json";
        // The key field as COS sends it, and as some events have it, percent-encoded like the URL.
        assertEquals("宠物/my cat+1.element.json",
                CosEventRecord.parse(record("/1250000000/examplebucket/宠物/my cat+1.element.json", url), 0).key());
        assertEquals("宠物/my cat+1.element.json", CosEventRecord.parse(record(
                "/1250000000/examplebucket/%E5%AE%A0%E7%89%A9/my%20cat%2B1.element.json", url), 0).key());
    }

    @Test
    void aKeyWithAPercentSignStaysAsTheEventGivesIt() {
        String url = "http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/100%25.element.json";
        assertEquals("100%.element.json",
                CosEventRecord.parse(record("/1250000000/examplebucket/100%.element.json", url), 0).key());
    }

    @Test
    void deletionsAreNotUploads() {
        ObjectNode record = record("/1250000000/examplebucket/cat.element.json",
                "http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/cat.element.json");
        ((ObjectNode) record.path("event")).put("eventName", "cos:ObjectRemove:Delete");
        assertFalse(CosEventRecord.parse(record, 0).isObjectCreated());
    }

    @Test
    void aRecordWithoutUsableUrlNamesTheField() {
        ObjectNode record = record("/1250000000/examplebucket/cat.element.json", "ftp://host/cat.element.json");
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> CosEventRecord.parse(record, 3));
        assertTrue(failure.getMessage().startsWith("Records[3].cos.cosObject.url"), failure.getMessage());

        ((ObjectNode) record.path("cos").path("cosObject")).remove("url");
        failure = assertThrows(FunctionFailure.class, () -> CosEventRecord.parse(record, 0));
        assertTrue(failure.getMessage().contains("url is required"), failure.getMessage());
        assertEquals("cat.element.json", CosEventRecord.keyOf(record));

        FunctionFailure notCos = assertThrows(FunctionFailure.class,
                () -> CosEventRecord.parse(MAPPER.createObjectNode().put("other", 1), 1));
        assertTrue(notCos.getMessage().contains("not a COS record"), notCos.getMessage());
    }

    private static ObjectNode record(String key, String url) {
        ObjectNode record = CosEvents.sample("events/cos-upload.json").path("Records").get(0).deepCopy();
        ObjectNode object = (ObjectNode) record.path("cos").path("cosObject");
        object.put("key", key);
        object.put("url", url);
        return record;
    }
}
