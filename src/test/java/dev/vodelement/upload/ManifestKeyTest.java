package dev.vodelement.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ManifestKeyTest {

    private final ManifestKey cat = new ManifestKey("elements/pets/cat.element.json");
    private final ManifestKey atRoot = new ManifestKey("cat.element.json");

    @Test
    void outcomeAndLockObjectsSitNextToTheManifest() {
        assertEquals("elements/pets/cat.element.result.json", cat.resultKey());
        assertEquals("elements/pets/cat.element.error.json", cat.errorKey());
        assertEquals("elements/pets/cat.element.lock", cat.lockKey(1));
        assertEquals("elements/pets/cat.element.lock.2", cat.lockKey(2));
        assertEquals("cat.element.result.json", atRoot.resultKey());
    }

    @Test
    void onlyElementJsonKeysAreManifests() {
        assertTrue(ManifestKey.isManifest("a/b.element.json"));
        assertFalse(ManifestKey.isManifest("a/b.json"));
        assertFalse(ManifestKey.isManifest("a/b.element.result.json"));
        assertFalse(ManifestKey.isManifest("a/b.element.lock"));
        assertThrows(IllegalArgumentException.class, () -> new ManifestKey("a/b.png"));
    }

    @Test
    void keysWithoutLeadingSlashAreRelativeToTheManifestsFolder() {
        assertEquals(Optional.of("elements/pets/images/front.jpg"), cat.resolve("images/front.jpg"));
        assertEquals(Optional.of("elements/pets/front.jpg"), cat.resolve("./front.jpg"));
        assertEquals(Optional.of("elements/shared/side.png"), cat.resolve("../shared/side.png"));
        assertEquals(Optional.of("front.jpg"), atRoot.resolve("front.jpg"));
        assertEquals(Optional.of("图片/正面 1.jpg"), atRoot.resolve("图片/正面 1.jpg"));
    }

    @Test
    void keysWithLeadingSlashAreFromTheBucketRoot() {
        assertEquals(Optional.of("shared/side.png"), cat.resolve("/shared/side.png"));
        assertEquals(Optional.of("side.png"), cat.resolve("/side.png"));
    }

    @Test
    void keysOutsideTheBucketOrNamingNoObjectResolveToNothing() {
        assertEquals(Optional.empty(), cat.resolve("../../../x.jpg"));
        assertEquals(Optional.empty(), atRoot.resolve("../x.jpg"));
        assertEquals(Optional.empty(), cat.resolve("/"));
        assertEquals(Optional.empty(), cat.resolve("images/"));
    }
}
