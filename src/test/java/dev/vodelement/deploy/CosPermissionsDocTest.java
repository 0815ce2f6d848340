package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One COS permission list, the one the code needs: the requests CosClient sends (and the GET that
 * its pre-signed URLs stand for) against what docs/deploy.md and docs/events.md tell an operator to
 * grant. The two docs once disagreed, one granting a HeadObject nothing sends and missing the
 * DeleteObject the lock objects need.
 */
class CosPermissionsDocTest {

    private static final Map<String, String> ACTION_OF_METHOD = Map.of("GET", "cos:GetObject", "PUT",
            "cos:PutObject", "DELETE", "cos:DeleteObject", "HEAD", "cos:HeadObject", "POST", "cos:PostObject");

    @Test
    void deployAndEventsDocsGrantExactlyWhatCosClientSends() throws IOException {
        Set<String> needed = new TreeSet<>();
        Matcher sent = Pattern.compile("send\\(\"([A-Z]+)\"")
                .matcher(read("src/main/java/dev/vodelement/cos/CosClient.java"));
        while (sent.find()) {
            needed.add(ACTION_OF_METHOD.get(sent.group(1)));
        }
        needed.add("cos:GetObject"); // the pre-signed image URLs VOD and the image checks read

        assertEquals(Set.of("cos:GetObject", "cos:PutObject", "cos:DeleteObject"), needed);
        assertEquals(needed, objectPermissions("docs/deploy.md"), "docs/deploy.md");
        assertEquals(needed, objectPermissions("docs/events.md"), "docs/events.md");
    }

    private static Set<String> objectPermissions(String doc) throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("`(cos:[A-Za-z]+Object)`").matcher(read(doc));
        while (m.find()) {
            named.add(m.group(1));
        }
        return named;
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
