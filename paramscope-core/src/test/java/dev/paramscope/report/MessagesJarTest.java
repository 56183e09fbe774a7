package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundles are read straight from the jar the classes came from, when they came from one. */
class MessagesJarTest {

  @Test
  void readsAnEntryOfALocalJarAndDeclinesEverythingElse(@TempDir Path dir) throws IOException {
    byte[] text = "title.x=Wie groß\n".getBytes(StandardCharsets.UTF_8);
    Path jar = dir.resolve("with space.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("dev/paramscope/report/messages.properties"));
      out.write(text);
      out.closeEntry();
    }
    assertThat(Messages.fromJar(jar.toUri().toURL(), "dev/paramscope/report/messages.properties")).isEqualTo(text);
    assertThat(Messages.fromJar(jar.toUri().toURL(), "dev/paramscope/report/messages_zh.properties")).isNull();
    assertThat(Messages.fromJar(dir.toUri().toURL(), "dev/paramscope/report/messages.properties")).isNull();
    assertThat(Messages.fromJar(dir.resolve("missing.jar").toUri().toURL(), "a")).isNull();
    Path notAJar = dir.resolve("broken.jar");
    Files.writeString(notAJar, "not a zip");
    assertThat(Messages.fromJar(notAJar.toUri().toURL(), "a")).isNull();
    assertThat(Messages.fromJar(null, "a")).isNull();
  }

  @Test
  void bothLanguagesLoadFromWhereverTheClassesAre() {
    // From target/classes here (fromJar declines a folder), from the jar in the packaged tool.
    assertThat(Messages.of(dev.paramscope.units.Lang.EN).get("title.seed")).isNotEqualTo("title.seed");
    assertThat(Messages.of(dev.paramscope.units.Lang.ZH).get("title.seed")).isNotEqualTo("title.seed")
        .isNotEqualTo(Messages.of(dev.paramscope.units.Lang.EN).get("title.seed"));
  }
}
