package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesTextTest {
  private static Map<String, String> viaProperties(String text) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    Map<String, String> map = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      map.put(key, properties.getProperty(key));
    }
    return map;
  }

  private static Map<String, String> viaParser(String text) {
    Map<String, String> map = new HashMap<>();
    PropertiesText.parse(text, map);
    return map;
  }

  @ParameterizedTest
  @ValueSource(strings = {"messages.properties", "messages_zh.properties"})
  void readsTheBundlesAsPropertiesDoes(String resource) throws IOException {
    String text;
    try (InputStream in = Messages.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> expected = viaProperties(text);
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(viaParser(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a=1\nb = 2\nc:3\nd 4\ne\t=\t5\n  f = six  \n",
      "# comment \\\nnot.continued=1\n! bang\\\nalso=2",
      "long=one \\\n    two \\\n\tthree\nnext=4",
      "escaped\\ key=v\nk\\=eq=v2\nk\\:colon:v3\nvalue=\\  leading space\n",
      "tabs=a\\tb\\nc\\rd\\fe\\\\f\\qg\nuni=\\u00e9\\u4e2d\\u6587\n",
      "crlf=1\r\ncr=2\rlf=3\n\r\nlast=4",
      "empty=\nnovalue\n=nokey\n   \n\n",
      "even=ends in two \\\\\nnext=line",
      "eof.continuation=x\\",
      "cont.then.blank=a\\\n\nafter=b",
      "cont.then.comment=a\\\n# not a comment\nafter=c",
      "dup=1\ndup=2",
  })
  void readsTheTrickyPartsOfTheFormatAsPropertiesDoes(String text) throws IOException {
    assertThat(viaParser(text)).isEqualTo(viaProperties(text));
  }
}
