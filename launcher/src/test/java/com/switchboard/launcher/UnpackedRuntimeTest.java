package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedRuntimeTest {

    @TempDir
    Path parent;

    @Test
    void aFolderLeftByAProcessThatIsGoneIsRemoved() throws Exception {
        var left = Files.createDirectories(parent.resolve("123-1"));
        Files.createFile(left.resolve(".lock"));
        Files.writeString(left.resolve("runtime.jar"), "old");

        try (var runtime = UnpackedRuntime.under(parent)) {
            assertFalse(Files.exists(left));
            assertTrue(Files.isDirectory(runtime.folder()));
        }
    }

    @Test
    void aFolderWhoseLockIsHeldStays() throws Exception {
        try (var running = UnpackedRuntime.under(parent); var second = UnpackedRuntime.under(parent)) {
            assertTrue(Files.isDirectory(running.folder()));
            assertNotEquals(running.folder(), second.folder());
        }
    }

    @Test
    void aFolderWithoutItsLockYetStaysWhileItIsNew() throws Exception {
        var starting = Files.createDirectories(parent.resolve("456-1"));
        var old = Files.createDirectories(parent.resolve("789-1"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        try (var runtime = UnpackedRuntime.under(parent)) {
            assertTrue(Files.isDirectory(starting));
            assertFalse(Files.exists(old));
        }
    }

    @Test
    void closingRemovesTheFolder() throws Exception {
        var runtime = UnpackedRuntime.under(parent);
        Files.writeString(runtime.folder().resolve("runtime.jar"), "jar");
        runtime.close();
        assertFalse(Files.exists(runtime.folder()));
    }
}
